/// A regular expression that does not compile, or uses a construct the linear-time engine does not run.
///
/// `offset` is the 0-based position (in Unicode scalars) of the offending construct inside the pattern, so a
/// loader can point its caret at it; ``YAMLNode/error(_:pattern:)`` does that for patterns read from YAML.
public struct RegexSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Which pattern of a list failed (0 for a single pattern).
    public let patternIndex: Int
    /// 0-based position of the construct in the pattern, in Unicode scalars.
    public let offset: Int
    /// What is wrong, e.g. `backreference \1 is not supported (patterns must run in time linear in the text)`.
    public let message: String

    init(_ problem: RegexProblem, at offset: Int, patternIndex: Int = 0) {
        self.patternIndex = patternIndex
        self.offset = offset
        self.message = problem.message
    }

    /// The same error for another pattern of a list.
    func inPattern(_ index: Int) -> RegexSyntaxError {
        RegexSyntaxError(patternIndex: index, offset: offset, message: message)
    }

    private init(patternIndex: Int, offset: Int, message: String) {
        self.patternIndex = patternIndex
        self.offset = offset
        self.message = message
    }

    /// The message with the 1-based character it concerns.
    public var description: String { "\(message) (character \(offset + 1) of the pattern)" }
}
