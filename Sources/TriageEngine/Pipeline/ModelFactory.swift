import Foundation
import Logging

/// Makes model clients from configured models: picks the client for the provider, looks up the API key,
/// and shares one transport, response cache and cache mode between them.
///
/// ``TriagePipeline/init(configuration:models:)`` makes its classifier and drafter here; the harness makes
/// its judge and embedding models from the same factory, so every call goes through one transport.
public struct ModelFactory: Sendable {
    /// The configured models.
    public let catalog: ModelCatalog
    /// The transport every client sends through (with retries).
    public let transport: any HTTPTransport
    /// The response cache, if any.
    public let cache: (any ResponseCache)?
    /// How clients use the cache.
    public let cacheMode: CacheMode
    private let environment: [String: String]

    /// Creates a factory.
    /// - Parameters:
    ///   - catalog: the configured models.
    ///   - transport: the transport for every call; nil makes the default one (libcurl or URLSession, as
    ///     `TRIAGE_EVAL_TRANSPORT` in `environment` says) wrapped in retries by `retry`, logging each retry to `logger`.
    ///   - retry: the retry policy of the default transport.
    ///   - cache: the response cache; nil caches nothing.
    ///   - cacheMode: how clients use the cache.
    ///   - environment: where API keys and the transport choice are read.
    ///   - logger: receives a line per retry and back-off.
    /// - Throws: ``PipelineSetupError`` when the default transport cannot be made.
    public init(catalog: ModelCatalog, transport: (any HTTPTransport)? = nil, retry: RetryPolicy = RetryPolicy(),
                cache: (any ResponseCache)? = nil, cacheMode: CacheMode = .readWrite,
                environment: [String: String] = ProcessInfo.processInfo.environment, logger: Logger) throws {
        self.catalog = catalog
        self.cache = cache
        self.cacheMode = cacheMode
        self.environment = environment
        if let transport {
            self.transport = transport
        } else {
            do {
                self.transport = RetryingTransport(base: try DefaultTransport.make(environment: environment), policy: retry, logger: logger)
            } catch let error as TransportSetupError {
                throw PipelineSetupError(error.description)
            }
        }
    }

    /// The API key of a model; nil for a model without `api_key_env`, or when replaying from the cache (which needs no key).
    /// - Throws: ``PipelineSetupError`` when the variable is not set.
    public func apiKey(_ config: ModelConfig) throws -> String? {
        guard let variable = config.apiKeyEnv else { return nil }
        if let key = config.apiKey(environment: environment) { return key }
        if cacheMode == .replayOnly { return nil }
        throw PipelineSetupError("model \"\(config.name)\" needs its API key in the environment variable \(variable) (api_key_env); it is not set")
    }

    /// A chat client for a model that classifies or judges.
    /// - Throws: a positioned ``LoadError`` when the provider cannot play `role`; ``PipelineSetupError`` for a missing key.
    public func chatModel(_ config: ModelConfig, role: ModelRole) throws -> any ChatModel {
        try role.check(config)
        switch config.provider {
        case .anthropic:
            return AnthropicChatModel(config: config, transport: transport, apiKey: try apiKey(config), cache: cache, cacheMode: cacheMode)
        case .openai:
            return OpenAIChatModel(config: config, transport: transport, apiKey: try apiKey(config), cache: cache, cacheMode: cacheMode)
        case .builtin, .http:
            throw PipelineSetupError("model \"\(config.name)\" has provider \(config.provider), which has no chat client")
        }
    }

    /// A client for a deployed service (`provider: http`), its `${VAR}` headers read from the environment.
    /// - Throws: ``PipelineSetupError`` naming a header variable that is not set (none are needed when replaying).
    public func httpTarget(_ config: ModelConfig, taxonomy: Taxonomy) throws -> HTTPTargetClient {
        let target = config.http ?? HTTPTargetConfig(url: config.resolvedBaseURL)
        let headers: [String: String]
        do {
            headers = try target.resolvedHeaders(model: config.name, environment: environment)
        } catch where cacheMode == .replayOnly {
            headers = [:]
        }
        return HTTPTargetClient(config: config, taxonomy: taxonomy, transport: transport, headers: headers,
                                secrets: target.secrets(environment: environment), cache: cache, cacheMode: cacheMode)
    }

    /// An embedding client.
    /// - Throws: a positioned ``LoadError`` when the provider has no embeddings API; ``PipelineSetupError`` for a missing key.
    public func embeddingModel(_ config: ModelConfig) throws -> any EmbeddingModel {
        try ModelRole.embedding.check(config)
        return OpenAIEmbeddingModel(config: config, transport: transport, apiKey: try apiKey(config), cache: cache, cacheMode: cacheMode)
    }
}
