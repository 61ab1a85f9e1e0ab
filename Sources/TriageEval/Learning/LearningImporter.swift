import Foundation
import TriageEngine

/// Turns production exports into learning-queue items (`triage-eval learn import`).
///
/// A correction, or negative feedback (thumbs down, or a rating of 2 or less), makes one item per conversation
/// (of source `correction` when there is a correction, since it carries the labels); positive feedback makes
/// none. Everything is redacted before it is embedded or stored. Each item is compared with every scenario of
/// the workspace's suites and every queue item; at or above ``threshold`` it is stored as a duplicate of the
/// nearest one. An urgent correction is approved at once. A conversation whose item is stored is skipped.
public struct LearningImporter: Sendable {
    /// The default similarity at or above which an item is a duplicate.
    public static let defaultThreshold = 0.85
    /// The highest rating that counts as negative feedback.
    public static let negativeRating = 2

    /// Redacts every text before it is embedded or stored.
    public var redactor: Redactor
    /// The names labels are checked against.
    public var taxonomy: Taxonomy
    /// Embeds redacted conversations and scenarios.
    public var embedder: any EmbeddingModel
    /// The similarity at or above which an item is a duplicate.
    public var threshold: Double
    /// The scenarios of the workspace's suites, which an item must not repeat.
    public var scenarios: [Scenario]

    /// Creates an importer.
    public init(redactor: Redactor, taxonomy: Taxonomy, embedder: any EmbeddingModel = HashedEmbeddingModel(),
                threshold: Double = defaultThreshold, scenarios: [Scenario] = []) {
        self.redactor = redactor
        self.taxonomy = taxonomy
        self.embedder = embedder
        self.threshold = threshold
        self.scenarios = scenarios
    }

    /// What an import did.
    public struct Outcome: Sendable {
        /// Conversations read from good lines.
        public var conversations = 0
        /// The items stored by this import, in order.
        public var created: [LearnItem] = []
        /// Conversations whose item was stored by an earlier import.
        public var alreadyImported = 0
        /// Conversations with neither a correction nor negative feedback.
        public var nothingToLearn = 0
        /// One error per bad line or unreadable file (the good lines are still imported).
        public var errors: [LoadError] = []

        /// The items created, by source and status.
        public func count(_ source: LearnItem.Source, _ status: LearnItem.Status) -> Int {
            created.count { $0.source == source && $0.status == status }
        }
    }

    /// Whether a conversation gives an item, and of which source.
    public static func source(of conversation: ProductionConversation) -> LearnItem.Source? {
        if conversation.correction != nil { return .correction }
        guard let feedback = conversation.feedback else { return nil }
        if feedback.type == "thumbs_down" { return .feedback }
        if feedback.type == "star_rating", let rating = feedback.rating, rating <= negativeRating { return .feedback }
        return nil
    }

    /// The text an item or scenario is embedded from: what identifies the customer's problem, the subject and the
    /// customer's turns, one a line. Agent turns are left out: they are mostly the same macros in every conversation
    /// ("Thanks for getting in touch…", "Is there anything else…"), so embedding them makes conversations about
    /// different problems look alike. With no customer turn, every turn is used.
    public static func embeddingText(subject: String?, messages: [(customer: Bool, text: String)]) -> String {
        let customer = messages.filter(\.customer).map(\.text)
        return ([subject].compactMap { $0 } + (customer.isEmpty ? messages.map(\.text) : customer)).joined(separator: "\n")
    }

    /// The embedding text of a (redacted) production conversation.
    public static func embeddingText(_ conversation: ProductionConversation) -> String {
        embeddingText(subject: conversation.subject, messages: conversation.messages.map { ($0.role == .customer, $0.text) })
    }

    /// The embedding text of a scenario's ticket.
    public static func embeddingText(_ scenario: Scenario) -> String {
        embeddingText(subject: scenario.ticket.subject, messages: scenario.ticket.messages.map { ($0.role == .customer, $0.text) })
    }

    /// Reads `paths` and imports every good conversation into `store`.
    public func importFiles(_ paths: [String], into store: any RunStore, at date: Date = Date()) async throws -> Outcome {
        let export = ProductionExportReader(taxonomy: taxonomy, redactor: redactor).read(paths: paths)
        var outcome = try await importConversations(export.conversations, into: store, at: date)
        outcome.errors = export.errors
        return outcome
    }

    /// Imports conversations (already read and checked) into `store`.
    public func importConversations(_ conversations: [ProductionConversation], into store: any RunStore,
                                    at date: Date = Date()) async throws -> Outcome {
        var outcome = Outcome()
        outcome.conversations = conversations.count
        var neighbours: [(label: String, vector: [Double])] = []
        let scenarioTexts = scenarios.map(Self.embeddingText(_:))
        if !scenarioTexts.isEmpty {
            let vectors = try await embed(scenarioTexts)
            neighbours = zip(scenarios, vectors).map { ($0.id, $1) }
        }
        // Items stored earlier are embedded again, so that every comparison is between vectors of the same model
        // and the same text (a stored vector may come from another model, or from an earlier choice of text).
        let existing = try store.learnItems(status: nil)
        if !existing.isEmpty {
            let vectors = try await embed(existing.map { Self.embeddingText($0.conversation) })
            neighbours += zip(existing, vectors).map { ("item \($0.id)", $1) }
        }
        let stored = Set(existing.map { "\($0.conversationID)\u{1F}\($0.source.rawValue)" })

        var pending: [(LearnItem.Source, ProductionConversation)] = []
        for conversation in conversations {
            guard let source = Self.source(of: conversation) else { outcome.nothingToLearn += 1; continue }
            // Stored ids are redacted ones: an id holding personal data is stored as its keyed stand-in.
            let redacted = redactor.redact(conversation)
            if stored.contains("\(redacted.id)\u{1F}\(source.rawValue)") { outcome.alreadyImported += 1; continue }
            pending.append((source, redacted))
        }
        for start in stride(from: 0, to: pending.count, by: Self.batchSize) {
            let batch = Array(pending[start..<min(start + Self.batchSize, pending.count)])
            let vectors = try await embedder.embed(batch.map { Self.embeddingText($0.1) })
            for ((source, conversation), vector) in zip(batch, vectors) {
                var item = makeItem(conversation, source: source, embedding: vector, at: date)
                if let nearest = Self.nearest(to: vector, in: neighbours) {
                    item.similarity = (nearest.similarity * 10_000).rounded() / 10_000
                    if nearest.similarity >= threshold {
                        item.status = .duplicate
                        item.duplicateOf = nearest.label
                        item.reason = nil
                        item.decidedAt = nil
                    }
                }
                guard let id = try store.addLearnItem(item) else { outcome.alreadyImported += 1; continue }
                item.id = id
                neighbours.append(("item \(id)", vector))
                outcome.created.append(item)
            }
        }
        return outcome
    }

    /// How many texts go to the embedding model in one call.
    static let batchSize = 64

    /// Embeds texts in batches of ``batchSize`` (one call per batch for a remote model).
    func embed(_ texts: [String]) async throws -> [[Double]] {
        var vectors: [[Double]] = []
        vectors.reserveCapacity(texts.count)
        for start in stride(from: 0, to: texts.count, by: Self.batchSize) {
            vectors += try await embedder.embed(Array(texts[start..<min(start + Self.batchSize, texts.count)]))
        }
        return vectors
    }

    /// The item of a redacted conversation, before duplicates are looked for.
    func makeItem(_ conversation: ProductionConversation, source: LearnItem.Source, embedding: [Double], at date: Date) -> LearnItem {
        let urgent = conversation.correction?.urgency == "urgent"
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var hashed = conversation
        hashed.source = ""
        let hash = SHA256.hex((try? encoder.encode(hashed)) ?? Data())
        return LearnItem(conversationID: conversation.id, source: source, status: urgent ? .approved : .pending,
                         expected: conversation.correction?.labels, conversation: conversation, predicted: conversation.predicted,
                         reason: urgent ? "urgent correction" : nil, embedding: embedding, createdAt: date,
                         decidedAt: urgent ? date : nil, contentHash: hash)
    }

    /// The most similar neighbour (the first of equals), or nil when there is none.
    static func nearest(to vector: [Double], in neighbours: [(label: String, vector: [Double])]) -> (label: String, similarity: Double)? {
        var best: (label: String, similarity: Double)?
        for neighbour in neighbours {
            let similarity = VectorMath.cosine(vector, neighbour.vector)
            if best == nil || similarity > best!.similarity { best = (neighbour.label, similarity) }
        }
        return best
    }
}
