import Foundation

/// One entry of the learning queue: a production conversation that got negative feedback or a correction,
/// redacted, waiting to be reviewed and written into a suite as a scenario (README, "Learning from production").
public struct LearnItem: Sendable, Equatable {
    /// Where the item came from.
    public enum Source: String, Sendable, Codable, CaseIterable {
        /// Negative feedback (thumbs down, or a rating of 2 or less); carries no labels.
        case feedback
        /// A person's correction; carries the expected labels.
        case correction
    }

    /// Where the item is in review.
    public enum Status: String, Sendable, Codable, CaseIterable {
        /// Waiting for review.
        case pending
        /// Approved; the next `learn apply` writes it into a suite.
        case approved
        /// Rejected, with a reason.
        case rejected
        /// Written into a suite.
        case applied
        /// Too similar to an existing scenario or item; not proposed again.
        case duplicate
    }

    /// The store's id (0 before it is stored).
    public var id: Int64
    /// The conversation's id in production.
    public var conversationID: String
    /// Feedback or correction.
    public var source: Source
    /// Review status.
    public var status: Status
    /// The expected labels; nil until labelled (a correction brings them).
    public var expected: ProductionConversation.Labels?
    /// The redacted conversation (customer is the pseudonym).
    public var conversation: ProductionConversation
    /// What production predicted, if the export said.
    public var predicted: ProductionConversation.Labels?
    /// The nearest scenario id or `item N` this one duplicates, if it is a duplicate.
    public var duplicateOf: String?
    /// The similarity to ``duplicateOf`` (or to the nearest neighbour when not a duplicate).
    public var similarity: Double?
    /// Why it was rejected, or approved at once.
    public var reason: String?
    /// The embedding of the redacted conversation.
    public var embedding: [Double]
    /// When it was imported.
    public var createdAt: Date
    /// When it was approved, rejected or applied.
    public var decidedAt: Date?
    /// The suite file it was written into.
    public var appliedSuite: String?
    /// SHA-256 of the redacted conversation (what `learn import` compares when the same line comes again).
    public var contentHash: String

    /// Creates an item.
    public init(id: Int64 = 0, conversationID: String, source: Source, status: Status, expected: ProductionConversation.Labels?,
                conversation: ProductionConversation, predicted: ProductionConversation.Labels?, duplicateOf: String? = nil,
                similarity: Double? = nil, reason: String? = nil, embedding: [Double], createdAt: Date, decidedAt: Date? = nil,
                appliedSuite: String? = nil, contentHash: String) {
        self.id = id
        self.conversationID = conversationID
        self.source = source
        self.status = status
        self.expected = expected
        self.conversation = conversation
        self.predicted = predicted
        self.duplicateOf = duplicateOf
        self.similarity = similarity
        self.reason = reason
        self.embedding = embedding
        self.createdAt = createdAt
        self.decidedAt = decidedAt
        self.appliedSuite = appliedSuite
        self.contentHash = contentHash
    }

    /// The scenario id `learn apply` gives it: `learned-` and the conversation id, lowercased, other characters as `-`.
    public var scenarioID: String {
        "learned-" + String(conversationID.lowercased().map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" })
    }
}
