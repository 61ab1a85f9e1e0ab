/// The labels a classifier gives a ticket at one stage.
public struct Classification: Sendable, Codable, Equatable {
    /// Category name from the taxonomy.
    public var category: String
    /// Confidence in the category, 0...1.
    public var confidence: Double
    /// Sentiment label from the taxonomy.
    public var sentiment: String
    /// Sentiment score, -1 (hostile) ... 1 (delighted).
    public var sentimentScore: Double
    /// Whether the customer signals they may leave.
    public var churnRisk: Bool
    /// Priority the classifier suggests, if it has an opinion (the policy's priority rules decide).
    public var suggestedPriority: String?
    /// Named signals found in the customer's text (e.g. the lexicon's `blocked`, `recovered`).
    public var signals: [String]
    /// A short human-readable reason.
    public var reason: String
    /// Per-category evidence scores, highest first (empty for model classifiers that give none).
    public var scores: [CategoryScore]

    /// Creates a classification.
    public init(category: String, confidence: Double, sentiment: String, sentimentScore: Double, churnRisk: Bool,
                suggestedPriority: String? = nil, signals: [String] = [], reason: String = "", scores: [CategoryScore] = []) {
        self.category = category
        self.confidence = confidence
        self.sentiment = sentiment
        self.sentimentScore = sentimentScore
        self.churnRisk = churnRisk
        self.suggestedPriority = suggestedPriority
        self.signals = signals
        self.reason = reason
        self.scores = scores
    }
}

/// The evidence for one category.
public struct CategoryScore: Sendable, Codable, Equatable {
    /// Category name.
    public var category: String
    /// Accumulated evidence weight.
    public var score: Double

    /// Creates a score.
    public init(category: String, score: Double) {
        self.category = category
        self.score = score
    }
}
