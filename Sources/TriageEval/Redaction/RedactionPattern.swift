import TriageEngine

/// One compiled redaction pattern, run by the engine's linear-time ``LinearRegex``: a customer's text of any
/// length and shape is redacted in time linear in its length (a backtracking engine took minutes on one
/// 200,000-character message with the shipped e-mail pattern). Patterns stay simple: no backreferences or
/// lookaround.
public struct RedactionPattern: Sendable {
    /// The pattern as written.
    public var source: String { regex.source }
    private let regex: LinearRegex

    /// Compiles a pattern; throws a ``RegexSyntaxError`` naming the construct and its position.
    public init(_ source: String, caseInsensitive: Bool = false) throws(RegexSyntaxError) {
        regex = try LinearRegex(source, caseInsensitive: caseInsensitive)
    }

    /// The ranges of every non-overlapping match, in order (an empty match is skipped).
    public func matches(in text: String) -> [Range<String.Index>] {
        let offsets = regex.matchRanges(scalars: text.unicodeScalars.map(\.value))
        guard !offsets.isEmpty else { return [] }
        // Offsets to indices in one walk over the scalars.
        let view = text.unicodeScalars
        var index = view.startIndex
        var at = 0
        func advance(to offset: Int) -> String.Index {
            index = view.index(index, offsetBy: offset - at)
            at = offset
            return index
        }
        return offsets.map { advance(to: $0.lowerBound)..<advance(to: $0.upperBound) }
    }
}
