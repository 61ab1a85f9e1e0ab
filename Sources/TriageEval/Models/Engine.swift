import Foundation
import Logging
import TriageEngine

/// The engine under test with everything that describes it: the production pipeline, the models used to
/// check model-judged reply assertions, and the files and configuration hashes stored with the run.
public struct Engine: Sendable {
    /// The production pipeline.
    public var pipeline: TriagePipeline
    /// What is stored with the run.
    public var description: EngineDescription
    /// The files and configurations used, with their hashes.
    public var sources: [SourceFile]
    /// Checks `similar` and `rubric` reply assertions.
    public var assertions: ModelAssertionChecker
    /// Where the run logs scenarios, model calls and retries.
    public var logger: Logger
    /// Scores conversations: contradictions by the judge (with `prompts/contradiction.yaml`) when the run has
    /// one, loops by the run's embedding model; offline otherwise.
    public var quality = ConversationQualityChecker()

    /// Builds the engine an evaluation asks for: the pipeline through the engine's own entry point
    /// (``TriagePipeline/init(configuration:models:)``), plus the judge and embedding models the assertions need;
    /// the response cache lives in `store`.
    /// - Throws: ``EngineSetupError`` (unknown model, missing key or prompt, unusable transport) or a positioned
    ///   ``LoadError`` (a model whose provider cannot play its role).
    public static func make(workspace: Workspace, options: EngineOptions, store: (any RunStore)?,
                            environment: [String: String] = ProcessInfo.processInfo.environment,
                            transport: (any HTTPTransport)? = nil, logger: Logger) throws -> Engine {
        do {
            return try assemble(workspace: workspace, options: options, store: store, environment: environment, transport: transport, logger: logger)
        } catch let error as PipelineSetupError {
            throw EngineSetupError(error.description)
        }
    }

    private static func assemble(workspace: Workspace, options: EngineOptions, store: (any RunStore)?, environment: [String: String],
                                 transport: (any HTTPTransport)?, logger: Logger) throws -> Engine {
        let policy = workspace.policy
        var configuration = PipelineConfiguration(policy: policy, replies: workspace.replies, prompts: workspace.prompts, models: workspace.models,
                                                  model: options.model, modelReplies: options.modelReplies, cacheMode: options.cacheMode,
                                                  retry: options.retry)
        // Check every role before anything is built, so a wrong judge is reported even for a built-in run.
        let modelConfig = try configuration.classifierModel()
        if modelConfig == nil { configuration.model = nil }
        let judgeConfig = try options.judge.map { try workspace.models.config(named: $0, role: .judge) }
        let embeddingConfig = try options.embedding.map { try workspace.models.config(named: $0, role: .embedding) }
        if judgeConfig != nil, workspace.prompts["judge"] == nil {
            throw EngineSetupError("a judge model needs the prompt prompts/judge.yaml; not found")
        }

        let cache: (any ResponseCache)? = store.map { StoreResponseCache(store: $0) }
        let needsModels = modelConfig != nil || judgeConfig != nil || embeddingConfig != nil
        let models = needsModels
            ? try ModelFactory(catalog: workspace.models, transport: transport, retry: options.retry, cache: cache, cacheMode: options.cacheMode,
                               environment: environment, logger: logger)
            : nil
        let pipeline = try models.map { try TriagePipeline(configuration: configuration, models: $0) }
            ?? TriagePipeline(policy: policy, replies: workspace.replies)

        var description = EngineDescription(classifier: "builtin-lexical", drafter: "templates", categories: policy.taxonomy.categoryNames)
        if let modelConfig {
            let remote = modelConfig.provider == .http
            description = EngineDescription(classifier: remote ? "http" : "llm", drafter: remote ? "http" : options.modelReplies ? "llm" : "templates",
                                            model: modelConfig.name,
                                            modelHash: modelConfig.configurationHash, categories: policy.taxonomy.categoryNames)
        }
        var judge: (any ChatModel)?
        if let judgeConfig, let models {
            judge = try models.chatModel(judgeConfig, role: .judge)
            description.settings["judge"] = judgeConfig.name
        }
        var embedder: any EmbeddingModel = HashedEmbeddingModel()
        if let embeddingConfig, let models {
            embedder = try models.embeddingModel(embeddingConfig)
            description.settings["embedding"] = embeddingConfig.name
        }
        description.settings["cache"] = switch options.cacheMode { case .readWrite: "read-write"; case .bypass: "bypass"; case .replayOnly: "replay" }
        return Engine(pipeline: pipeline, description: description,
                      sources: workspace.sources(model: modelConfig, judge: judgeConfig, embedding: embeddingConfig),
                      assertions: ModelAssertionChecker(embedder: embedder, judge: judge, judgePrompt: workspace.prompts["judge"], policy: policy),
                      logger: logger,
                      quality: .using(judge: judge, embedding: embedder, prompts: workspace.prompts))
    }
}
