/// The health score of a conversation, 0–100 (README, "Conversation quality"):
/// `health = max(0, 100 − loopPenalty × loops − contradictionPenalty × contradictions)`, where `loops` counts
/// agent turns that repeat an earlier one and `contradictions` pairs of agent turns that contradict.
public struct HealthScore: Sendable, Equatable {
    /// Points off per looping turn.
    public var loopPenalty: Int
    /// Points off per contradiction.
    public var contradictionPenalty: Int

    /// The documented defaults: 25 per loop, 35 per contradiction.
    public static let standard = HealthScore(loopPenalty: 25, contradictionPenalty: 35)

    /// Creates a formula.
    public init(loopPenalty: Int, contradictionPenalty: Int) {
        self.loopPenalty = loopPenalty
        self.contradictionPenalty = contradictionPenalty
    }

    /// The score for a number of loops and contradictions.
    public func score(loops: Int, contradictions: Int) -> Int {
        max(0, 100 - loopPenalty * loops - contradictionPenalty * contradictions)
    }
}
