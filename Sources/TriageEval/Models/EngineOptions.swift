import TriageEngine

/// How to build the engine under test: which models, and how to use the response cache.
public struct EngineOptions: Sendable {
    /// The model under test (a name from the catalog); nil for the built-in offline engine.
    public var model: String?
    /// The judge model for `rubric` assertions.
    public var judge: String?
    /// The embedding model for `similar` assertions; nil uses the offline hashed embedding.
    public var embedding: String?
    /// Cache use: read and write, bypass (`--no-cache`), or replay only (`--replay`).
    public var cacheMode: CacheMode
    /// Retries.
    public var retry: RetryPolicy
    /// Whether a model run drafts replies with the model (`true`) or with the templates (one call fewer per ticket).
    public var modelReplies: Bool = true

    /// Creates options.
    public init(model: String? = nil, judge: String? = nil, embedding: String? = nil, cacheMode: CacheMode = .readWrite, retry: RetryPolicy = RetryPolicy()) {
        self.model = model
        self.judge = judge
        self.embedding = embedding
        self.cacheMode = cacheMode
        self.retry = retry
    }
}
