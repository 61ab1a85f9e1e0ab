import Foundation
import GRDB
import TriageEngine

extension PostgresStore {
    /// The cached response for a key.
    public func cachedResponse(key: String) async throws -> CachedResponse? {
        try await readAsync { connection in
            try connection.execute("SELECT * FROM response_cache WHERE key = ?", values: [key]).records(ResponseCacheRecord.self).first?.response
        }
    }

    /// Caches a response, with the run whose call it answered; the first one recorded for a key wins, whichever
    /// runner recorded it, so a re-run anywhere is answered from the cache.
    public func cacheResponse(_ response: CachedResponse, key: String, run: Int64?) async throws {
        let record = ResponseCacheRecord(key: key, response: response, createdAt: Date(), runID: run)
        try await readAsync { connection in
            _ = try connection.execute("""
                INSERT INTO response_cache (key, body, status, latency_ms, input_tokens, output_tokens, created_at, run_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING
                """, values: [record.key, record.body, record.status, record.latencyMs, record.inputTokens, record.outputTokens,
                              record.createdAt, record.runID])
        }
    }

    /// How many responses the cache holds.
    public func cachedResponseCount() throws -> Int {
        try read { connection in try connection.execute("SELECT count(*) FROM response_cache").get(0, 0, as: Int.self) ?? 0 }
    }

    /// The runs that recorded the cached responses under these keys (responses cached before provenance
    /// was kept have none).
    public func cachedResponseRuns(keys: [String]) throws -> [String: Int64] {
        guard !keys.isEmpty else { return [:] }
        return try read { connection in
            var runs: [String: Int64] = [:]
            var start = 0
            while start < keys.count {
                let chunk = Array(keys[start..<min(keys.count, start + 1000)])
                let found = try connection.execute("SELECT key, run_id FROM response_cache WHERE run_id IS NOT NULL AND key IN ("
                    + chunk.map { _ in "?" }.joined(separator: ", ") + ")", values: chunk)
                for row in 0..<found.rowCount {
                    if let key = found.get(row, 0, as: String.self), let run = found.get(row, 1, as: Int64.self) { runs[key] = run }
                }
                start += 1000
            }
            return runs
        }
    }
}
