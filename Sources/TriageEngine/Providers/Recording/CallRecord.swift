import Foundation

/// One call to a model provider as the harness stores it: who, what for, how it went, what it cost.
///
/// Holds no prompt text, no response text and no credentials; `requestHash` identifies the request.
public struct CallRecord: Sendable, Codable, Equatable {
    /// The provider: `openai` (or an OpenAI-compatible server) or `anthropic`.
    public var provider: String
    /// The provider's model identifier, for example `gpt-4o-mini`.
    public var model: String
    /// What the call was for: `stage1`, `stage2`, `reply`, `embedding`, `judge`.
    public var purpose: String
    /// The HTTP status of the last response, if one arrived.
    public var status: Int?
    /// How many attempts the call took (0 for a cached answer that made no request).
    public var attempts: Int
    /// Wall time of the call in milliseconds; for a cached answer, the latency when it was recorded.
    public var latencyMs: Double
    /// Prompt tokens as the provider counted them (or estimated as characters / 4 when it did not say).
    public var inputTokens: Int
    /// Completion tokens as the provider counted them (or estimated).
    public var outputTokens: Int
    /// What the tokens cost at the configured prices, in US dollars (also for cached answers, so replayed
    /// runs report the same cost as the run that recorded them; filter on `cached` for money actually spent).
    public var costUSD: Double
    /// The ``ModelError/errorClass`` when the call failed, otherwise `nil`.
    public var errorClass: String?
    /// Whether the answer came from the response cache.
    public var cached: Bool
    /// The response-cache key of the request (lowercase hex SHA-256).
    public var requestHash: String

    /// Creates a record.
    public init(provider: String, model: String, purpose: String, status: Int?, attempts: Int, latencyMs: Double,
                inputTokens: Int, outputTokens: Int, costUSD: Double, errorClass: String?, cached: Bool, requestHash: String) {
        self.provider = provider
        self.model = model
        self.purpose = purpose
        self.status = status
        self.attempts = attempts
        self.latencyMs = latencyMs
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.costUSD = costUSD
        self.errorClass = errorClass
        self.cached = cached
        self.requestHash = requestHash
    }
}
