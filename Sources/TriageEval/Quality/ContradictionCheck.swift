/// Finds agent turns that contradict earlier agent turns. ``OfflineContradictionCheck`` is the offline
/// implementation; a judge-model implementation can sit beside it.
public protocol ContradictionCheck: Sendable {
    /// The name, as it appears in reports.
    var name: String { get }
    /// Every pair of agent turns (earlier, later) where the later contradicts the earlier, at most one per pair.
    func contradictions(in messages: [ProductionConversation.Message]) async throws -> [QualityFinding]
}
