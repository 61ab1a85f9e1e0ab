/// Everything that decides how a ``TriagePipeline`` triages: the policy, the reply templates, the model
/// prompts and models, which model classifies, and how model calls use the cache and retry.
///
/// A service loads it from the same `rules/` and `prompts/` directories the harness evaluates
/// (``load(rules:prompts:model:)``) and builds the pipeline with
/// ``TriagePipeline/init(configuration:transport:cache:environment:logger:)``.
public struct PipelineConfiguration: Sendable {
    /// The policy (taxonomy, lexicon, escalation rules).
    public var policy: Policy
    /// The reply templates (`prompts/replies.yaml`).
    public var replies: ReplyTemplates
    /// Model prompts by file name without extension (`classify`, `reclassify`, `reply`).
    public var prompts: [String: PromptTemplate]
    /// The configured models.
    public var models: ModelCatalog
    /// The model that classifies (a name from ``models``); nil, or a `builtin` model, for the offline lexical engine.
    public var model: String?
    /// Whether a model pipeline drafts replies with the model (`true`) or with the templates (one call fewer per ticket).
    public var modelReplies: Bool
    /// How model calls use the response cache.
    public var cacheMode: CacheMode
    /// When model calls are retried.
    public var retry: RetryPolicy

    /// The prompts a model pipeline needs.
    public static let modelPrompts = ["classify", "reclassify", "reply"]

    /// Creates a configuration.
    public init(policy: Policy, replies: ReplyTemplates, prompts: [String: PromptTemplate] = [:], models: ModelCatalog = ModelCatalog(),
                model: String? = nil, modelReplies: Bool = true, cacheMode: CacheMode = .readWrite, retry: RetryPolicy = RetryPolicy()) {
        self.policy = policy
        self.replies = replies
        self.prompts = prompts
        self.models = models
        self.model = model
        self.modelReplies = modelReplies
        self.cacheMode = cacheMode
        self.retry = retry
    }

    /// The model that classifies, checked for the role; nil for the built-in engine.
    /// - Throws: ``PipelineSetupError`` for an unknown name; a ``LoadError`` at its `provider:` when it cannot classify.
    public func classifierModel() throws -> ModelConfig? {
        guard let model else { return nil }
        let config = try models.config(named: model, role: .classifier)
        return config.provider == .builtin ? nil : config
    }
}

extension ModelCatalog {
    /// The model with this name, checked for a role.
    /// - Throws: ``PipelineSetupError`` naming the known models when there is none by that name; a positioned
    ///   ``LoadError`` when its provider cannot play the role.
    public func config(named name: String, role: ModelRole) throws -> ModelConfig {
        guard let config = model(named: name) else {
            throw PipelineSetupError("unknown \(role.noun) \"\(name)\"; expected one of: "
                + (names.isEmpty ? "(none: add a models: list to prompts/models.yaml or a suite)" : names.joined(separator: ", ")))
        }
        try role.check(config)
        return config
    }
}
