import Foundation
import GRDB
import TriageEngine

/// A row of the `response_cache` table: a provider's answer to a request, for `--replay` and repeated runs.
struct ResponseCacheRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "response_cache"
    /// The first response recorded for a key wins; a later identical request reuses it.
    static let persistenceConflictPolicy = PersistenceConflictPolicy(insert: .ignore, update: .abort)

    /// The cache key.
    var key: String
    /// The response body.
    var body: Data
    /// HTTP status.
    var status: Int
    /// Latency of the original call.
    var latencyMs: Double
    /// Input tokens of the original call.
    var inputTokens: Int
    /// Output tokens of the original call.
    var outputTokens: Int
    /// When it was cached.
    var createdAt: Date
    /// The run whose call cached it (v5; nil for responses cached before).
    var runID: Int64?

    enum CodingKeys: String, CodingKey {
        case key, body, status, latencyMs = "latency_ms", inputTokens = "input_tokens", outputTokens = "output_tokens", createdAt = "created_at", runID = "run_id"
    }

    /// The columns queries filter on.
    enum Columns {
        static let key = Column(CodingKeys.key)
    }

    /// A record of a response.
    init(key: String, response: CachedResponse, createdAt: Date, runID: Int64?) {
        self.key = key
        body = response.body
        status = response.status
        latencyMs = response.latencyMs
        inputTokens = response.inputTokens
        outputTokens = response.outputTokens
        self.createdAt = createdAt
        self.runID = runID
    }

    /// The cached response.
    var response: CachedResponse {
        CachedResponse(body: body, status: status, latencyMs: latencyMs, inputTokens: inputTokens, outputTokens: outputTokens)
    }
}
