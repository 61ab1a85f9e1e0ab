import Foundation

/// Stores provider responses by request, so evaluation runs can be replayed without calling the provider.
///
/// Keys come from ``ResponseCacheKey``. ``MemoryResponseCache`` is the in-process implementation; the
/// harness keeps a persistent one.
public protocol ResponseCache: Sendable {
    /// The response stored under `key`, or `nil`.
    func lookup(key: String) async throws -> CachedResponse?
    /// Stores `response` under `key`, replacing any earlier one.
    func store(key: String, response: CachedResponse) async throws
}
