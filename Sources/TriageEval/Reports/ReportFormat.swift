/// The formats a report renders to.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// For terminals.
    case text
    /// For pull-request comments.
    case markdown
    /// The documented, versioned machine format.
    case json
}
