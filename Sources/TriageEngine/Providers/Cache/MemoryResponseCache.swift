import Foundation

/// A response cache held in memory, for tests and single-process runs.
public actor MemoryResponseCache: ResponseCache {
    private var entries: [String: CachedResponse] = [:]

    /// Creates an empty cache.
    public init() {}

    /// The response stored under `key`, or `nil`.
    public func lookup(key: String) async throws -> CachedResponse? { entries[key] }

    /// Stores `response` under `key`.
    public func store(key: String, response: CachedResponse) async throws { entries[key] = response }

    /// How many responses are stored.
    public var count: Int { entries.count }
}
