/// The formats the conversation-quality section is rendered in.
public enum QualityFormat: String, Sendable, CaseIterable {
    /// Plain text for a terminal.
    case text
    /// A markdown section.
    case markdown
    /// Pretty-printed JSON.
    case json
}

extension QualityReport {
    /// The report in a format.
    public func rendered(as format: QualityFormat) throws -> String {
        switch format {
        case .text: return text()
        case .markdown: return markdown()
        case .json: return try json()
        }
    }
}
