/// A regular expression that runs in time linear in the text, for every pattern read from a user's file.
///
/// Patterns come from rule, lexicon, reply-template and suite files, and texts from customers, so neither
/// may be able to stall the engine: `(a+)+$` on a long ticket takes as long as `a+$`. The pattern is parsed
/// by ``RegexParser`` (which names any construct it rejects, with its position), compiled to a
/// ``RegexProgram`` and run by the Pike VM in ``RegexMachine`` over Unicode scalars. Matches are
/// leftmost-first, as with backtracking engines, so spans (and removals) are what users expect.
public struct LinearRegex: Sendable, Equatable, CustomStringConvertible {
    /// The pattern as written (alternatives joined by `|` for a list).
    public let source: String
    /// Whether letters match in either case (a pattern's own `(?i)` applies regardless).
    public let caseInsensitive: Bool
    let program: RegexProgram

    /// Compiles a pattern; throws a ``RegexSyntaxError`` naming the construct and its position.
    public init(_ pattern: String, caseInsensitive: Bool = false) throws(RegexSyntaxError) {
        try self.init(anyOf: [pattern], caseInsensitive: caseInsensitive)
    }

    /// Compiles a list of patterns into one that matches where any of them does; an error carries the index
    /// of the pattern it is in. Each pattern is parsed on its own, so `(?i)` in one does not leak into another.
    public init(anyOf patterns: [String], caseInsensitive: Bool) throws(RegexSyntaxError) {
        var nodes: [RegexNode] = []
        for (index, pattern) in patterns.enumerated() {
            do throws(RegexSyntaxError) {
                let node = try RegexParser.parse(pattern, caseInsensitive: caseInsensitive)
                guard node.instructionCount <= RegexProgram.maxInstructions else {
                    throw RegexSyntaxError(.tooLarge(RegexProgram.maxInstructions), at: 0)
                }
                nodes.append(node)
            } catch {
                throw error.inPattern(index)
            }
        }
        source = patterns.joined(separator: "|")
        self.caseInsensitive = caseInsensitive
        let combined: RegexNode = nodes.count == 1 ? nodes[0] : .alternation(nodes)
        program = try RegexProgram(combined, limit: RegexProgram.maxInstructions * max(1, nodes.count))
    }

    /// How many instructions the program has (the `prog` of the linear bound).
    public var instructionCount: Int { program.instructions.count }

    /// Whether the pattern matches anywhere in the text.
    public func matches(_ text: String) -> Bool {
        var machine = RegexMachine(program)
        return machine.firstMatch(in: Self.scalars(text), from: 0) != nil
    }

    /// The first match, as a range of the text.
    public func firstMatch(in text: String) -> Range<String.Index>? {
        var machine = RegexMachine(program)
        let scalars = text.unicodeScalars
        guard let match = machine.firstMatch(in: Self.scalars(text), from: 0) else { return nil }
        let start = scalars.index(scalars.startIndex, offsetBy: match.lowerBound)
        return start..<scalars.index(start, offsetBy: match.count)
    }

    /// The text with every match removed (matches do not overlap; an empty match removes nothing).
    public func removingMatches(from text: String) -> String {
        let scalars = Self.scalars(text)
        let matches = matchRanges(scalars: scalars)
        if matches.isEmpty { return text }
        var result = String.UnicodeScalarView()
        var copied = 0
        for match in matches {
            for value in scalars[copied..<match.lowerBound] { result.append(Unicode.Scalar(value)!) }
            copied = match.upperBound
        }
        for value in scalars[copied...] { result.append(Unicode.Scalar(value)!) }
        return String(result)
    }

    /// Every non-empty match in a text given as scalar values, leftmost-first and not overlapping, in order
    /// (one VM for the whole text; an empty match is skipped and the search goes on one scalar later).
    public func matchRanges(scalars: [UInt32]) -> [Range<Int>] {
        var machine = RegexMachine(program)
        var matches: [Range<Int>] = []
        var position = 0
        while position <= scalars.count, let match = machine.firstMatch(in: scalars, from: position) {
            if !match.isEmpty { matches.append(match) }
            position = match.isEmpty ? match.upperBound + 1 : match.upperBound
        }
        return matches
    }

    /// The first match at or after `from` in a text given as scalar values, and the VM steps it took.
    ///
    /// The step count is what the linearity tests bound: at most a constant times `(text length + 1) ×`
    /// ``instructionCount``, whatever the pattern.
    public func firstMatch(scalars: [UInt32], from: Int = 0) -> (match: Range<Int>?, steps: Int) {
        var machine = RegexMachine(program)
        let match = machine.firstMatch(in: scalars, from: from)
        return (match, machine.steps)
    }

    static func scalars(_ text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }

    /// Equal when the sources and case handling are (the program is a function of the source and flags).
    public static func == (lhs: LinearRegex, rhs: LinearRegex) -> Bool { lhs.source == rhs.source && lhs.caseInsensitive == rhs.caseInsensitive }

    /// The pattern as written.
    public var description: String { source }
}
