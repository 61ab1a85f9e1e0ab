/// Why a `learn` review step refused: an unknown item, a label that is not in the taxonomy, an item in the
/// wrong state. The description is what the user reads.
public struct LearningError: Error, Equatable, CustomStringConvertible {
    /// What happened and what to do.
    public var description: String

    /// Creates an error.
    public init(_ description: String) { self.description = description }

    /// No item with this id.
    static func unknownItem(_ id: Int64) -> LearningError { LearningError("no learning item \(id); `triage-eval learn list` shows them") }
}
