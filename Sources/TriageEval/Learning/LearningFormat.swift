/// The formats `learn report` and `learn list` render in.
public enum LearningFormat: String, Sendable, CaseIterable {
    /// Plain text for a terminal.
    case text
    /// Markdown (the report only; `learn list` takes text or json).
    case markdown
    /// Pretty-printed JSON, keys sorted (README, "Learning from production").
    case json
}

extension LearningReport {
    /// The report in a format.
    public func rendered(as format: LearningFormat) throws -> String {
        switch format {
        case .text: return text
        case .markdown: return markdown
        case .json: return try json()
        }
    }
}
