import Foundation
import GRDB
import TriageEngine

/// The response cache in the run store, so `--replay` can re-run a recorded suite without network or keys.
public struct StoreResponseCache: ResponseCache {
    /// The store.
    public let store: any RunStore

    /// The run whose calls are being made; each response it caches keeps it, so a resumed run counts its
    /// own earlier calls as its own rather than as cache hits.
    @TaskLocal public static var recordingRun: Int64?

    /// Creates a cache over a store.
    public init(store: any RunStore) { self.store = store }

    /// The cached response for a key.
    public func lookup(key: String) async throws -> CachedResponse? {
        try await store.cachedResponse(key: key)
    }

    /// Stores a response (the first one recorded for a key wins; a later identical request reuses it). Every
    /// API key registered with ``Redaction`` is removed from the body first, whichever client stored it.
    public func store(key: String, response: CachedResponse) async throws {
        var redacted = response
        redacted.body = Redaction.redact(json: response.body)
        try await store.cacheResponse(redacted, key: key, run: Self.recordingRun)
    }
}
