/// A scenario's conversation-quality checks (`quality:` in a scenario or suite file): run on the ticket's
/// messages with the drafted reply as the last agent turn (README, "Conversation quality").
public struct QualityExpectation: Sendable, Equatable, Codable {
    /// Fail when an agent turn (the reply included) repeats an earlier agent turn.
    public var noLoops: Bool
    /// Fail when an agent turn (the reply included) contradicts an earlier agent turn.
    public var noContradictions: Bool
    /// Fail when the conversation's health score is below this (0–100).
    public var minHealth: Int?

    /// Creates checks; none by default.
    public init(noLoops: Bool = false, noContradictions: Bool = false, minHealth: Int? = nil) {
        self.noLoops = noLoops
        self.noContradictions = noContradictions
        self.minHealth = minHealth
    }

    /// The keys a `quality:` block accepts.
    public static let keys = ["no_loops", "no_contradictions", "min_health"]

    enum CodingKeys: String, CodingKey {
        case noLoops = "no_loops", noContradictions = "no_contradictions", minHealth = "min_health"
    }
}
