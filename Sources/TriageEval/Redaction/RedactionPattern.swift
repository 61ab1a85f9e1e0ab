import Foundation

/// One compiled redaction pattern. The only place redaction touches a regex engine, so the engine can be
/// swapped (e.g. for a linear-time one) without changing callers; patterns should stay simple (no
/// backreferences or lookaround).
public struct RedactionPattern: @unchecked Sendable {
    /// The pattern as written.
    public let source: String
    private let regex: NSRegularExpression

    /// Compiles a pattern; nil when it does not compile.
    public init?(_ source: String, caseInsensitive: Bool = false) {
        guard let regex = try? NSRegularExpression(pattern: source, options: caseInsensitive ? [.caseInsensitive] : []) else { return nil }
        self.source = source
        self.regex = regex
    }

    /// The ranges of every non-overlapping match, in order.
    public func matches(in text: String) -> [Range<String.Index>] {
        regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { Range($0.range, in: text) }
    }
}
