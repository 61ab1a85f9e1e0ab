import Foundation
import GRDB
import TriageEngine

extension SQLiteStore {
    /// The cached response for a key.
    public func cachedResponse(key: String) async throws -> CachedResponse? {
        try await writer.read { db in try ResponseCacheRecord.fetchOne(db, key: key)?.response }
    }

    /// Caches a response, with the run whose call it answered; the first one recorded for a key wins.
    public func cacheResponse(_ response: CachedResponse, key: String, run: Int64?) async throws {
        let record = ResponseCacheRecord(key: key, response: response, createdAt: Date(), runID: run)
        try await writer.write { db in try record.insert(db) }
    }

    /// How many responses the cache holds.
    public func cachedResponseCount() throws -> Int {
        try writer.read { db in try ResponseCacheRecord.fetchCount(db) }
    }
}
