import Foundation
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

    /// Builds the engine an evaluation asks for; the response cache lives in `store`.
    public static func make(workspace: Workspace, options: EngineOptions, store: (any RunStore)?,
                            environment: [String: String] = ProcessInfo.processInfo.environment,
                            transport: (any HTTPTransport)? = nil) throws -> Engine {
        let cache: (any ResponseCache)? = store.map { StoreResponseCache(store: $0) }
        let base: any HTTPTransport
        do {
            base = try transport ?? RetryingTransport(base: DefaultTransport.make(environment: environment), policy: options.retry)
        } catch let error as TransportSetupError {
            throw EngineSetupError(error.description)
        }
        func config(_ name: String, role: String) throws -> ModelConfig {
            guard let config = workspace.models.model(named: name) else {
                let known = workspace.models.names
                throw EngineSetupError("unknown \(role.isEmpty ? "" : role + " ")model \"\(name)\"; expected one of: "
                                       + (known.isEmpty ? "(none: add a models: list to prompts/models.yaml or a suite)" : known.joined(separator: ", ")))
            }
            return config
        }
        func key(_ config: ModelConfig) throws -> String? {
            guard let variable = config.apiKeyEnv else { return nil }
            if let key = config.apiKey(environment: environment) { return key }
            // Replaying from the cache needs no key.
            if options.cacheMode == .replayOnly { return nil }
            throw EngineSetupError("model \"\(config.name)\" needs its API key in the environment variable \(variable) (api_key_env); it is not set")
        }
        func chat(_ config: ModelConfig) throws -> any ChatModel {
            switch config.provider {
            case .anthropic: return AnthropicChatModel(config: config, transport: base, apiKey: try key(config), cache: cache, cacheMode: options.cacheMode)
            case .openai, .builtin: return OpenAIChatModel(config: config, transport: base, apiKey: try key(config), cache: cache, cacheMode: options.cacheMode)
            }
        }

        let policy = workspace.policy
        var pipeline = TriagePipeline(policy: policy, replies: workspace.replies)
        var description = EngineDescription(classifier: "builtin-lexical", drafter: "templates", categories: policy.taxonomy.categoryNames)
        var modelConfig: ModelConfig?
        if let name = options.model {
            let config = try config(name, role: "")
            if config.provider != .builtin {
                let missing = Workspace.modelPrompts.filter { workspace.prompts[$0] == nil }
                if !missing.isEmpty {
                    throw EngineSetupError("model runs need the prompts " + missing.map { "prompts/\($0).yaml" }.joined(separator: ", ") + "; not found")
                }
                let model = try chat(config)
                let classifier = LLMClassifier(model: model, policy: policy, stage1: workspace.prompts["classify"]!, stage2: workspace.prompts["reclassify"]!,
                                               structuredOutput: config.structuredOutput)
                let drafter: (any ReplyDrafting)? = options.modelReplies
                    ? LLMReplyDrafter(model: model, policy: policy, prompt: workspace.prompts["reply"]!, templates: workspace.replies) : nil
                pipeline = TriagePipeline(policy: policy, replies: workspace.replies, classifier: classifier, drafter: drafter)
                description = EngineDescription(classifier: "llm", drafter: options.modelReplies ? "llm" : "templates", model: config.name,
                                                modelHash: config.configurationHash, categories: policy.taxonomy.categoryNames)
                modelConfig = config
            }
        }
        var judgeModel: (any ChatModel)?
        var judgeConfig: ModelConfig?
        if let name = options.judge {
            let config = try config(name, role: "judge")
            guard workspace.prompts["judge"] != nil else { throw EngineSetupError("a judge model needs the prompt prompts/judge.yaml; not found") }
            judgeModel = try chat(config)
            judgeConfig = config
            description.settings["judge"] = config.name
        }
        var embedder: any EmbeddingModel = HashedEmbeddingModel()
        var embeddingConfig: ModelConfig?
        if let name = options.embedding {
            let config = try config(name, role: "embedding")
            embedder = OpenAIEmbeddingModel(config: config, transport: base, apiKey: try key(config), cache: cache, cacheMode: options.cacheMode)
            embeddingConfig = config
            description.settings["embedding"] = config.name
        }
        description.settings["cache"] = switch options.cacheMode { case .readWrite: "read-write"; case .bypass: "bypass"; case .replayOnly: "replay" }
        return Engine(pipeline: pipeline, description: description,
                      sources: workspace.sources(model: modelConfig, judge: judgeConfig, embedding: embeddingConfig),
                      assertions: ModelAssertionChecker(embedder: embedder, judge: judgeModel, judgePrompt: workspace.prompts["judge"], policy: policy))
    }
}
