import Foundation
import TriageEngine

/// Checks the reply assertions that need a model: `similar` through an embedding model (the offline hashed
/// embedding unless one is configured) and `rubric` through a separately configured judge model.
public struct ModelAssertionChecker: Sendable {
    /// Purpose recorded on judge calls, so they are counted and costed apart.
    public static let judgePurpose = "judge"
    /// Purpose recorded on embedding calls.
    public static let embeddingPurpose = "embedding"

    /// The embedding model.
    public let embedder: any EmbeddingModel
    /// The judge, when configured.
    public let judge: (any ChatModel)?
    /// The judge prompt.
    public let judgePrompt: PromptTemplate?
    /// The policy (for prompt variables).
    public let policy: Policy

    /// Creates a checker.
    public init(embedder: any EmbeddingModel = HashedEmbeddingModel(), judge: (any ChatModel)? = nil, judgePrompt: PromptTemplate? = nil, policy: Policy) {
        self.embedder = embedder
        self.judge = judge
        self.judgePrompt = judgePrompt
        self.policy = policy
    }

    /// Checks the model-judged assertions of a scenario; rubric assertions without a judge are skipped (and
    /// counted by the caller), never passed.
    public func check(_ scenario: Scenario, reply: Reply) async throws -> (checks: [CheckOutcome], skipped: Int) {
        var checks: [CheckOutcome] = []
        var skipped = 0
        for assertion in scenario.reply {
            switch assertion {
            case let .similar(reference, minimum):
                let vectors = try await CallContext.$purpose.withValue(Self.embeddingPurpose) { try await embedder.embed([reply.text, reference]) }
                guard vectors.count == 2 else { throw ModelError(.invalidOutput, attempts: 1, detail: "the embedding model returned \(vectors.count) vectors for 2 texts") }
                let similarity = VectorMath.cosine(vectors[0], vectors[1])
                checks.append(CheckOutcome(field: "reply", expected: assertion.description, actual: String(format: "similarity %.3f", similarity),
                                           passed: similarity >= minimum))
            case let .rubric(rubric):
                guard let judge, let judgePrompt else { skipped += 1; continue }
                var values = PromptVariables(policy: policy).classification(ticket: scenario.ticket, stage: 2)
                values["reply"] = reply.text
                values["rubric"] = rubric
                let request = ChatRequest(messages: judgePrompt.render(values), temperature: judgePrompt.temperature ?? 0, maxTokens: judgePrompt.maxTokens ?? 200)
                let response = try await CallContext.$purpose.withValue(Self.judgePurpose) { try await judge.complete(request) }
                if let verdict = JudgeVerdict.parse(response.text) {
                    checks.append(CheckOutcome(field: "reply", expected: assertion.description,
                                               actual: (verdict.pass ? "judge: pass" : "judge: fail") + (verdict.reason.isEmpty ? "" : " (\(verdict.reason))"),
                                               passed: verdict.pass))
                } else {
                    CallContext.log?.mark(response.record, errorClass: "invalid_output")
                    checks.append(CheckOutcome(field: "reply", expected: assertion.description, actual: "judge gave no readable verdict", passed: false))
                }
            default:
                continue
            }
        }
        return (checks, skipped)
    }
}

extension ModelError: ClassifiedError {}
