import Foundation
import GRDB
import TriageEngine

/// The response cache in the run store, so `--replay` can re-run a recorded suite without network or keys.
public struct StoreResponseCache: ResponseCache {
    /// The store.
    public let store: Store

    /// The run whose calls are being made; each response it caches keeps it, so a resumed run counts its
    /// own earlier calls as its own rather than as cache hits.
    @TaskLocal public static var recordingRun: Int64?

    /// Creates a cache over a store.
    public init(store: Store) { self.store = store }

    /// The cached response for a key.
    public func lookup(key: String) async throws -> CachedResponse? {
        try await store.writer.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT body, status, latency_ms, input_tokens, output_tokens FROM response_cache WHERE key = ?",
                                             arguments: [key]) else { return nil }
            return CachedResponse(body: row["body"], status: row["status"], latencyMs: row["latency_ms"], inputTokens: row["input_tokens"],
                                  outputTokens: row["output_tokens"])
        }
    }

    /// Stores a response (the first one recorded for a key wins; a later identical request reuses it). Every
    /// API key registered with ``Redaction`` is removed from the body first, whichever client stored it.
    public func store(key: String, response: CachedResponse) async throws {
        let run = Self.recordingRun
        let body = Redaction.redact(json: response.body)
        try await store.writer.write { db in
            try db.execute(sql: """
                INSERT OR IGNORE INTO response_cache (key, body, status, latency_ms, input_tokens, output_tokens, created_at, run_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [key, body, response.status, response.latencyMs, response.inputTokens, response.outputTokens, Date(), run])
        }
    }
}
