/// The conversation-quality section: mean health and each conversation that failed a check, with the two
/// turns involved, and each conversation that could not be scored. Rendered by `QualityReport+Text`, `+Markdown` and `+JSON`.
public struct QualityReport: Sendable, Equatable, Codable {
    /// How many conversations were scored.
    public var conversations: Int
    /// The mean health over all of them (0 when there are none).
    public var meanHealth: Double
    /// How many conversations have at least one loop.
    public var withLoops: Int
    /// How many conversations have at least one contradiction.
    public var withContradictions: Int
    /// The conversations that failed a check, in input order.
    public var failed: [ConversationQuality]
    /// The embedding model used for loops.
    public var embeddingModel: String
    /// The contradiction check used.
    public var contradictionCheck: String
    /// The loop threshold.
    public var threshold: Double
    /// The conversations that could not be scored (not in ``conversations`` or ``meanHealth``), in input order.
    public var errored: [ConversationQualityError]

    /// Summarises per-conversation results.
    public init(results: [ConversationQuality], embeddingModel: String, contradictionCheck: String, threshold: Double,
                errored: [ConversationQualityError] = []) {
        conversations = results.count
        meanHealth = results.isEmpty ? 0 : Double(results.reduce(0) { $0 + $1.health }) / Double(results.count)
        withLoops = results.filter { !$0.loops.isEmpty }.count
        withContradictions = results.filter { !$0.contradictions.isEmpty }.count
        failed = results.filter { !$0.passed }
        self.embeddingModel = embeddingModel
        self.contradictionCheck = contradictionCheck
        self.threshold = threshold
        self.errored = errored
    }
}
