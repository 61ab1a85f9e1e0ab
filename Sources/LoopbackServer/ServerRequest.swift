import Foundation

/// A request as the loopback server received it.
public struct ServerRequest: Sendable {
    /// The method, for example `POST`.
    public var method: String
    /// The request target: path and query, for example `/v1/chat/completions`.
    public var target: String
    /// Header fields keyed by lowercased name; repeated fields are joined with `, `.
    public var headers: [String: String]
    /// The body, de-chunked when it was sent with `Transfer-Encoding: chunked`.
    public var body: Data
    /// Which connection it arrived on (1 for the first accepted connection), to observe keep-alive.
    public var connectionID: Int

    /// Creates a request.
    public init(method: String, target: String, headers: [String: String], body: Data, connectionID: Int = 0) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
        self.connectionID = connectionID
    }

    /// The path without the query.
    public var path: String {
        target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? target
    }

    /// The value of a header, looked up case-insensitively.
    public func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// The body as UTF-8 text.
    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// The body parsed as a JSON object, or `nil`.
    public var jsonObject: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
    }
}
