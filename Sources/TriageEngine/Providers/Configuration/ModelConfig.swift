import Foundation

/// How to reach and bill one model: loaded from a model file, one per configured name.
public struct ModelConfig: Sendable, Equatable {
    /// The name the model is referred to by in suites and reports.
    public var name: String
    /// Who serves it: OpenAI (or a compatible server), Anthropic, or the built-in engine.
    public var provider: ModelProvider
    /// The API base URL, for example `https://api.openai.com/v1`; `nil` uses the provider's default.
    public var baseURL: URL?
    /// The provider's model identifier.
    public var model: String
    /// The default sampling temperature.
    public var temperature: Double?
    /// The default completion token limit.
    public var maxTokens: Int?
    /// The per-request timeout.
    public var timeout: Duration
    /// US dollars per million prompt tokens.
    public var inputPricePerMillion: Double
    /// US dollars per million completion tokens.
    public var outputPricePerMillion: Double
    /// The environment variable holding the API key; `nil` for servers without authentication.
    public var apiKeyEnv: String?
    /// Whether to request structured output (`response_format` with a JSON Schema) when a schema is given.
    public var structuredOutput: Bool
    /// How structured output is requested from an OpenAI-compatible server: `json_schema` (OpenAI's
    /// `{type: json_schema, json_schema: {…}}`) or `json_object` (`{type: json_object, schema: {…}}`, the
    /// grammar-constrained form of llama.cpp and other self-hosted servers).
    public var structuredOutputStyle: String = "json_schema"
    /// Where the `provider:` value was written, for positioned errors when the model is given a role.
    public var providerPosition: SourcePosition?
    /// For `provider: http`: the URL, headers, body template and answer paths of the deployed service.
    public var http: HTTPTargetConfig?

    /// Creates a config; `structuredOutput` defaults to true for `openai` and false otherwise.
    public init(name: String, provider: ModelProvider, baseURL: URL? = nil, model: String, temperature: Double? = nil,
                maxTokens: Int? = nil, timeout: Duration = .seconds(60), inputPricePerMillion: Double = 0,
                outputPricePerMillion: Double = 0, apiKeyEnv: String? = nil, structuredOutput: Bool? = nil) {
        self.name = name
        self.provider = provider
        self.baseURL = baseURL
        self.model = model
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.timeout = timeout
        self.inputPricePerMillion = inputPricePerMillion
        self.outputPricePerMillion = outputPricePerMillion
        self.apiKeyEnv = apiKeyEnv
        self.structuredOutput = structuredOutput ?? (provider == .openai)
    }

    /// What the tokens cost at this model's prices, in US dollars.
    public func cost(inputTokens: Int, outputTokens: Int) -> Double {
        (Double(inputTokens) * inputPricePerMillion + Double(outputTokens) * outputPricePerMillion) / 1_000_000
    }

    /// The API key from the environment variable named by ``apiKeyEnv``, or `nil` when unset or empty; a key
    /// read is registered with ``Redaction`` so nothing the process stores or prints afterwards carries it.
    public func apiKey(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        guard let apiKeyEnv, let value = environment[apiKeyEnv]?.trimmingCharacters(in: .whitespacesAndNewlines),
              !value.isEmpty else { return nil }
        Redaction.register([value])
        return value
    }

    /// The base URL, or the provider's public endpoint when none is configured.
    public var resolvedBaseURL: URL {
        if let baseURL { return baseURL }
        switch provider {
        case .anthropic: return URL(string: "https://api.anthropic.com/v1")!
        case .http: return http?.url ?? URL(string: "http://127.0.0.1/")!
        case .openai, .builtin: return URL(string: "https://api.openai.com/v1")!
        }
    }
}
