import Foundation
import TriageEngine

/// Scores conversations for loops, contradictions and health (README, "Conversation quality").
///
/// A **loop** is an agent turn whose embedding has cosine similarity at or above ``threshold`` with an earlier
/// agent turn (turns shorter than ``minimumWords`` words are skipped: "Thanks!" twice is no loop, and a pair
/// that contradicts is not also a loop). **Contradictions** come from ``contradictionCheck``.
public struct ConversationQualityChecker: Sendable {
    /// Embeds agent turns.
    public var embedding: any EmbeddingModel
    /// Finds contradictions.
    public var contradictionCheck: any ContradictionCheck
    /// The similarity at or above which a turn repeats an earlier one.
    public var threshold: Double
    /// Turns with fewer words take no part in loops.
    public var minimumWords: Int
    /// The health formula.
    public var health: HealthScore

    /// The default loop threshold.
    public static let defaultThreshold = 0.85

    /// Creates a checker; by default offline (hashed embedding, offline contradiction check).
    public init(embedding: any EmbeddingModel = HashedEmbeddingModel(), contradictionCheck: any ContradictionCheck = OfflineContradictionCheck(),
                threshold: Double = defaultThreshold, minimumWords: Int = 4, health: HealthScore = .standard) {
        self.embedding = embedding
        self.contradictionCheck = contradictionCheck
        self.threshold = threshold
        self.minimumWords = minimumWords
        self.health = health
    }

    /// Checks one conversation.
    /// - Throws: what the embedding model or contradiction check throws.
    public func check(_ conversation: ProductionConversation) async throws -> ConversationQuality {
        let messages = conversation.messages
        let contradictions = try await contradictionCheck.contradictions(in: messages)
        let contradicting = Set(contradictions.map { [$0.earlier.number, $0.later.number] })
        let agent = messages.indices.filter { messages[$0].role == .agent }
        let eligible = agent.filter { messages[$0].text.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).count >= minimumWords }
        let vectors = eligible.isEmpty ? [] : try await embedding.embed(eligible.map { messages[$0].text })
        var loops: [QualityFinding] = []
        for later in eligible.indices {
            var best: (index: Int, similarity: Double)?
            for earlier in 0..<later where !contradicting.contains([eligible[earlier] + 1, eligible[later] + 1]) {
                let similarity = VectorMath.cosine(vectors[earlier], vectors[later])
                if similarity >= threshold, similarity > (best?.similarity ?? -1) { best = (earlier, similarity) }
            }
            if let best {
                let first = eligible[best.index], second = eligible[later]
                loops.append(QualityFinding(kind: .loop, earlier: .init(number: first + 1, text: messages[first].text),
                                            later: .init(number: second + 1, text: messages[second].text),
                                            reason: "similarity \(String(format: "%.2f", best.similarity))", similarity: best.similarity))
            }
        }
        return ConversationQuality(id: conversation.id, source: conversation.source, agentTurns: agent.count, findings: loops + contradictions,
                                   health: health.score(loops: loops.count, contradictions: contradictions.count), checks: checks)
    }

    /// Which checks run: `loops: similarity >= 0.85 by hashed-trigram-512; contradictions: offline-negation-values-yesno`.
    public var checks: String {
        "loops: similarity >= \(String(format: "%.2f", threshold)) by \(embedding.name); contradictions: \(contradictionCheck.name)"
    }

    /// Checks conversations in order and summarises them. A conversation whose check throws (an unusable judge
    /// answer, a model that cannot be reached) is listed as errored with its error class, and the others are
    /// still scored; `progress` is told of every conversation and, as the observer, of every model call.
    /// - Throws: only `CancellationError` when the task is cancelled.
    public func report(_ conversations: [ProductionConversation], progress: ProgressReporter? = nil) async throws -> QualityReport {
        var results: [ConversationQuality] = []
        var errored: [ConversationQualityError] = []
        try await CallContext.$observer.withValue(progress) {
            for conversation in conversations {
                try Task.checkCancellation()
                do {
                    let quality = try await check(conversation)
                    results.append(quality)
                    progress?.record(status: quality.passed ? .passed : .failed)
                } catch is CancellationError {
                    throw CancellationError()
                } catch {
                    errored.append(ConversationQualityError(id: conversation.id, source: conversation.source, errorClass: Runner.errorClass(error),
                                                            message: "\(error)"))
                    progress?.record(status: .errored)
                }
            }
        }
        progress?.finish()
        return QualityReport(results: results, embeddingModel: embedding.name, contradictionCheck: contradictionCheck.name, threshold: threshold,
                             errored: errored)
    }
}
