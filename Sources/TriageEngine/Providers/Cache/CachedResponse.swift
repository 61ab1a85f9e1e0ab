import Foundation

/// A provider response as the cache keeps it: the raw body plus what the call record needs.
public struct CachedResponse: Sendable, Codable, Equatable {
    /// The raw response body, parsed again on replay.
    public var body: Data
    /// The HTTP status it arrived with.
    public var status: Int
    /// The latency when it was recorded, in milliseconds; replayed calls report this latency.
    public var latencyMs: Double
    /// Prompt tokens of the original call.
    public var inputTokens: Int
    /// Completion tokens of the original call.
    public var outputTokens: Int

    /// Creates a cached response.
    public init(body: Data, status: Int, latencyMs: Double, inputTokens: Int, outputTokens: Int) {
        self.body = body
        self.status = status
        self.latencyMs = latencyMs
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
    }
}
