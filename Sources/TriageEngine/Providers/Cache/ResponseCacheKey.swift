import Foundation

/// Builds response-cache keys.
public enum ResponseCacheKey {
    /// Lowercase hex SHA-256 of `provider + "\n" + baseURL + "\n" + model + "\n" + body + "\n" + repeatIndex`.
    ///
    /// The body must be encoded deterministically (sorted keys) for the key to be stable across runs.
    public static func make(provider: String, baseURL: String, model: String, body: Data, repeatIndex: Int) -> String {
        var data = Data("\(provider)\n\(baseURL)\n\(model)\n".utf8)
        data.append(body)
        data.append(Data("\n\(repeatIndex)".utf8))
        return SHA256.hex(data)
    }
}
