/// How a model client uses its response cache.
public enum CacheMode: Sendable, Equatable {
    /// Answer from the cache when possible, otherwise call the provider and store the answer.
    case readWrite
    /// Always call the provider; neither read nor write the cache.
    case bypass
    /// Answer only from the cache; a miss is an error and the provider is never called.
    case replayOnly
}
