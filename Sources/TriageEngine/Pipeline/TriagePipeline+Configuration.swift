import Foundation
import Logging

extension TriagePipeline {
    /// Builds the pipeline a configuration describes: the offline lexical engine and the reply templates, or,
    /// with a model, the model classifier (and the model drafter unless ``PipelineConfiguration/modelReplies``
    /// is off) over the `classify`, `reclassify` and `reply` prompts.
    ///
    /// The one way a pipeline is assembled from files: a service calls this, and so does the harness.
    /// ```swift
    /// let configuration = try PipelineConfiguration.load(rules: "rules", prompts: "prompts")
    /// let pipeline = try TriagePipeline(configuration: configuration, logger: logger)
    /// let decision = try await pipeline.triage(ticket)
    /// ```
    /// - Parameters:
    ///   - configuration: the policy, templates, prompts, models and the model that classifies.
    ///   - transport: the transport model calls go through; nil makes the default one with the configuration's retries.
    ///   - cache: the response cache; nil caches nothing.
    ///   - environment: where API keys and `TRIAGE_EVAL_TRANSPORT` are read.
    ///   - logger: receives a line per retry and back-off of model calls.
    /// - Throws: ``PipelineSetupError`` (unknown model, missing key or prompt, unusable transport) or a positioned
    ///   ``LoadError`` (a model whose provider cannot classify).
    public init(configuration: PipelineConfiguration, transport: (any HTTPTransport)? = nil, cache: (any ResponseCache)? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment, logger: Logger) throws {
        guard try configuration.classifierModel() != nil else {
            self.init(policy: configuration.policy, replies: configuration.replies)
            return
        }
        let models = try ModelFactory(catalog: configuration.models, transport: transport, retry: configuration.retry, cache: cache,
                                      cacheMode: configuration.cacheMode, environment: environment, logger: logger)
        try self.init(configuration: configuration, models: models)
    }

    /// Builds the pipeline a configuration describes, making its model clients with `models` (so that other
    /// clients, such as the harness's judge, share their transport and cache).
    /// - Throws: as ``init(configuration:transport:cache:environment:logger:)``.
    public init(configuration: PipelineConfiguration, models: ModelFactory) throws {
        let policy = configuration.policy
        guard let config = try configuration.classifierModel() else {
            self.init(policy: policy, replies: configuration.replies)
            return
        }
        let missing = PipelineConfiguration.modelPrompts.filter { configuration.prompts[$0] == nil }
        guard missing.isEmpty, let classify = configuration.prompts["classify"], let reclassify = configuration.prompts["reclassify"],
              let reply = configuration.prompts["reply"] else {
            // The prompts sit beside replies.yaml: name them in the directory the configuration was loaded from.
            let directory = (configuration.replies.source.path as NSString).deletingLastPathComponent
            let prefix = directory.isEmpty ? "" : directory + "/"
            throw PipelineSetupError("model runs need the prompts " + missing.map { "\(prefix)\($0).yaml" }.joined(separator: ", ") + "; not found")
        }
        let model = try models.chatModel(config, role: .classifier)
        let classifier = LLMClassifier(model: model, policy: policy, stage1: classify, stage2: reclassify, structuredOutput: config.structuredOutput)
        let drafter: (any ReplyDrafting)? = configuration.modelReplies
            ? LLMReplyDrafter(model: model, policy: policy, prompt: reply, templates: configuration.replies) : nil
        self.init(policy: policy, replies: configuration.replies, classifier: classifier, drafter: drafter)
    }
}
