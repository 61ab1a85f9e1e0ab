import Foundation

/// An HTTP request as the model clients build it: method, URL, headers, body and a per-request timeout.
public struct HTTPRequest: Sendable {
    /// The method, for example `POST`.
    public var method: String
    /// The absolute URL.
    public var url: URL
    /// Header fields. Values of `authorization`, `x-api-key` and `api-key` are treated as secrets.
    public var headers: [String: String]
    /// The body, empty for none.
    public var body: Data
    /// How long to wait for the whole response before failing with a timeout.
    public var timeout: Duration
    /// Whether a 2xx answer must be complete JSON: one that is not (cut off, garbled) is a transport fault,
    /// retried like a reset connection, not a well-formed answer with wrong content.
    public var expectsJSON: Bool

    /// Creates a request; the default timeout is 60 seconds.
    public init(method: String = "POST", url: URL, headers: [String: String] = [:], body: Data = Data(),
                timeout: Duration = .seconds(60), expectsJSON: Bool = false) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.expectsJSON = expectsJSON
    }

    /// Header names whose values are credentials and must never reach an error, a log line or a stored row.
    public static let secretHeaderNames: Set<String> = ["authorization", "x-api-key", "api-key", "proxy-authorization"]

    /// The credential values carried by this request (a `Bearer` token also on its own), for redaction.
    public var secrets: [String] {
        var found: [String] = []
        for (name, value) in headers where Self.secretHeaderNames.contains(name.lowercased()) {
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            found.append(trimmed)
            if let space = trimmed.firstIndex(of: " ") {
                let token = trimmed[trimmed.index(after: space)...].trimmingCharacters(in: .whitespaces)
                if !token.isEmpty { found.append(token) }
            }
        }
        return found
    }
}
