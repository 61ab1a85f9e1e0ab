import Foundation

/// Builds response-cache keys.
public enum ResponseCacheKey {
    /// Lowercase hex SHA-256 of `provider + "\n" + baseURL + "\n" + model + "\n" + body + "\n" + salt`.
    ///
    /// The body must be encoded deterministically (sorted keys) for the key to be stable across runs; the salt
    /// (``CallContext/cacheSalt``) keeps answers apart that a caller wants apart.
    public static func make(provider: String, baseURL: String, model: String, body: Data, salt: String) -> String {
        var data = Data("\(provider)\n\(baseURL)\n\(model)\n".utf8)
        data.append(body)
        data.append(Data("\n\(salt)".utf8))
        return SHA256.hex(data)
    }
}
