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
            // A literal is lowered as the text is (ASCII letters only); with case folding, a literal beyond
            // ASCII could match text that lowers differently, so such a pattern gets no pre-check.
            let literals = sources.map { source -> [UInt8]? in
                guard let literal = PatternSet.leadingLiteral(source) else { return nil }
                let bytes = PatternSet.lowered(Array(literal.utf8))
                return caseInsensitive && bytes.contains(where: { $0 >= 0x80 }) ? nil : bytes
            }
            requiredLiterals = literals.contains(where: { $0 == nil }) ? nil : literals.map { $0! }
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
        var text = text
        // Lowered on the fly, without copying the text, unless a sign must be folded (then the bytes change length).
        let answer = text.withUTF8 { bytes -> Bool? in
            if caseInsensitive && PatternSet.mayHoldSign(bytes) { return nil }
            return requiredLiterals.contains { literal in PatternSet.containsLowered(bytes, literal) }
        }
        if let answer { return answer }
        let bytes = PatternSet.lowered(Array(text.utf8), foldingSigns: caseInsensitive)
        return requiredLiterals.contains { literal in PatternSet.contains(bytes, literal) }
    }

    /// Whether the bytes may hold a sign ``lowered(_:foldingSigns:)`` folds (their lead bytes 0xE2 and 0xC5).
    static func mayHoldSign(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.contains { $0 == 0xE2 || $0 == 0xC5 }
    }

    /// ``contains(_:_:)`` of ``lowered(_:foldingSigns:)`` without `foldingSigns`, lowering the haystack's
    /// bytes as it compares them instead of copying it first; `needle` is already lowered.
    public static func containsLowered(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count else { return false }
        @inline(__always) func lower(_ byte: UInt8) -> UInt8 { byte >= 65 && byte <= 90 ? byte + 32 : byte }
        return needle.withUnsafeBufferPointer { needle in
            let first = needle[0]
            let last = haystack.count - needle.count
            var index = 0
            while index <= last {
                if lower(haystack[index]) == first {
                    var offset = 1
                    while offset < needle.count && lower(haystack[index + offset]) == needle[offset] { offset += 1 }
                    if offset == needle.count { return true }
                }
                index += 1
            }
            return false
        }
    }

    /// UTF-8 bytes with ASCII capitals lowered, in one pass. With `foldingSigns`, the two non-ASCII scalars
    /// that fold to ASCII letters, the Kelvin sign (to k) and the long s (to s), become those letters, so a
    /// case-folding match on them is not ruled out by the pre-check.
    public static func lowered(_ bytes: [UInt8], foldingSigns: Bool = false) -> [UInt8] {
        var lowered: [UInt8] = []
        lowered.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if foldingSigns, byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x84, bytes[index + 2] == 0xAA {
                lowered.append(UInt8(ascii: "k"))
                index += 3
            } else if foldingSigns, byte == 0xC5, index + 1 < bytes.count, bytes[index + 1] == 0xBF {
                lowered.append(UInt8(ascii: "s"))
                index += 2
            } else {
                lowered.append(byte >= 65 && byte <= 90 ? byte + 32 : byte)
                index += 1
            }
        }
        return lowered
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
    /// or nil when it starts with a group, class or other construct, or has an alternative at its top level
    /// (`ignore previous|disregard above` need not contain either).
    static func leadingLiteral(_ pattern: String) -> String? {
        if hasTopLevelAlternative(pattern) { return nil }
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

    /// Whether a `|` stands outside every group and class of the pattern.
    static func hasTopLevelAlternative(_ pattern: String) -> Bool {
        var depth = 0
        var inClass = false
        var iterator = pattern.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            switch scalar {
            case "\\": _ = iterator.next()
            case "[" where !inClass: inClass = true
            case "]" where inClass: inClass = false
            case "(" where !inClass: depth += 1
            case ")" where !inClass: depth = max(0, depth - 1)
            case "|" where !inClass && depth == 0: return true
            default: break
            }
        }
        return false
    }

    /// Equal when the sources and case handling are.
    public static func == (lhs: PatternSet, rhs: PatternSet) -> Bool { lhs.sources == rhs.sources && lhs.caseInsensitive == rhs.caseInsensitive }
}
