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
        let scalars = text.unicodeScalars.map(\.value)
        var offsets: [Range<Int>] = []
        var position = 0
        while position <= scalars.count, let match = regex.firstMatch(scalars: scalars, from: position).match {
            if !match.isEmpty { offsets.append(match) }
            position = match.isEmpty ? match.upperBound + 1 : match.upperBound
        }
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
