import Foundation
import Logging
import TriageEngine

extension ConversationQualityChecker {
    /// The checker for these clients: contradictions by `judge` with the workspace's `contradiction` prompt when
    /// both exist (else the offline check), loops by `embedding`.
    static func using(judge: (any ChatModel)?, embedding: any EmbeddingModel, prompts: [String: PromptTemplate],
                      threshold: Double = defaultThreshold) -> ConversationQualityChecker {
        let contradictions: any ContradictionCheck = if let judge, let prompt = prompts[JudgeContradictionCheck.promptName] {
            JudgeContradictionCheck(judge: judge, prompt: prompt)
        } else {
            OfflineContradictionCheck()
        }
        return ConversationQualityChecker(embedding: embedding, contradictionCheck: contradictions, threshold: threshold)
    }

    /// The checker `triage-eval quality` asks for: the judge model `judge` (by name, with the prompt
    /// `prompts/contradiction.yaml`) for contradictions and the embedding model `embedding` for loops, each
    /// offline when not given. Calls share one transport with retries, and the response cache in `store`.
    /// - Throws: ``EngineSetupError`` (unknown model, missing key or prompt) or a positioned ``LoadError`` (a
    ///   model whose provider cannot play its role).
    public static func make(workspace: Workspace, judge: String?, embedding: String?, threshold: Double = defaultThreshold,
                            store: (any RunStore)?, cacheMode: CacheMode = .readWrite, retry: RetryPolicy = RetryPolicy(),
                            environment: [String: String] = ProcessInfo.processInfo.environment,
                            transport: (any HTTPTransport)? = nil, logger: Logger) throws -> ConversationQualityChecker {
        do {
            let judgeConfig = try judge.map { try workspace.models.config(named: $0, role: .judge) }
            let embeddingConfig = try embedding.map { try workspace.models.config(named: $0, role: .embedding) }
            if judgeConfig != nil, workspace.prompts[JudgeContradictionCheck.promptName] == nil {
                throw EngineSetupError("a judge model for contradictions needs the prompt prompts/\(JudgeContradictionCheck.promptName).yaml; not found")
            }
            guard judgeConfig != nil || embeddingConfig != nil else { return ConversationQualityChecker(threshold: threshold) }
            let models = try ModelFactory(catalog: workspace.models, transport: transport, retry: retry, cache: store.map { StoreResponseCache(store: $0) },
                                          cacheMode: cacheMode, environment: environment, logger: logger)
            let chat = try judgeConfig.map { try models.chatModel($0, role: .judge) }
            let embedder: any EmbeddingModel = try embeddingConfig.map { try models.embeddingModel($0) } ?? HashedEmbeddingModel()
            return using(judge: chat, embedding: embedder, prompts: workspace.prompts, threshold: threshold)
        } catch let error as PipelineSetupError {
            throw EngineSetupError(error.description)
        }
    }
}
