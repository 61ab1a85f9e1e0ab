/// Several regular expressions matched as one: a single combined ``LinearRegex`` scans a text once, in
/// time linear in the text, and a cheap literal pre-check skips texts that cannot match at all. Used for
/// redaction and prompt-injection detection, which run on every ticket.
public struct PatternSet: Sendable, Equatable {
    /// The patterns as written.
    public let sources: [String]
    private let combined: LinearRegex?
    /// Lowercased literals of which at least one must occur for any pattern to match; nil when some
    /// pattern has no required literal (then the regex always runs).
    private let requiredLiterals: [[UInt8]]?
    private let caseInsensitive: Bool

    /// Compiles the patterns once; the error's `patternIndex` names the first that does not compile.
    public init(_ sources: [String], caseInsensitive: Bool) throws(RegexSyntaxError) {
        self.sources = sources
        self.caseInsensitive = caseInsensitive
        if sources.isEmpty {
            combined = nil
            requiredLiterals = []
        } else {
            combined = try LinearRegex(anyOf: sources, caseInsensitive: caseInsensitive)
            let literals = sources.map(PatternSet.leadingLiteral)
            requiredLiterals = literals.contains(where: { $0 == nil }) ? nil : literals.map { Array($0!.lowercased().utf8) }
        }
    }

    /// Whether any pattern matches.
    public func matches(_ text: String) -> Bool {
        guard let combined, mayMatch(text) else { return false }
        return combined.matches(text)
    }

    /// The text with every match removed.
    public func removing(from text: String) -> String {
        guard let combined, mayMatch(text) else { return text }
        return combined.removingMatches(from: text)
    }

    private func mayMatch(_ text: String) -> Bool {
        guard let requiredLiterals else { return true }
        var lowered: [UInt8] = []
        lowered.reserveCapacity(text.utf8.count)
        for byte in text.utf8 { lowered.append(byte >= 65 && byte <= 90 ? byte + 32 : byte) }
        return requiredLiterals.contains { literal in PatternSet.contains(lowered, literal) }
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count else { return false }
        let first = needle[0]
        var index = 0
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first {
                var offset = 1
                while offset < needle.count && haystack[index + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return true }
            }
            index += 1
        }
        return false
    }

    /// The literal text a pattern must start with (after an optional `\b` or `^`), at least two characters,
    /// or nil when it starts with a group, class or other construct.
    static func leadingLiteral(_ pattern: String) -> String? {
        var rest = Substring(pattern)
        if rest.hasPrefix("\\b") { rest = rest.dropFirst(2) } else if rest.hasPrefix("^") { rest = rest.dropFirst() }
        var literal = ""
        var iterator = rest.makeIterator()
        while let character = iterator.next() {
            if character == "\\" {
                guard let escaped = iterator.next(), "[](){}.*+?^$|\\/-".contains(escaped) else { break }
                literal.append(escaped)
                continue
            }
            if "[](){}.*+?^$|".contains(character) {
                // A quantifier makes the previous character optional.
                if "*?{".contains(character), !literal.isEmpty { literal.removeLast() }
                break
            }
            literal.append(character)
        }
        return literal.count >= 2 ? literal : nil
    }

    /// Equal when the sources and case handling are.
    public static func == (lhs: PatternSet, rhs: PatternSet) -> Bool { lhs.sources == rhs.sources && lhs.caseInsensitive == rhs.caseInsensitive }
}
