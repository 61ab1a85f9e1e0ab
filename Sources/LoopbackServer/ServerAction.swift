import Foundation

/// What the loopback server does with a request.
public enum ServerAction: Sendable {
    /// Answers after `delay` with a status, headers and a body (`Content-Length` is added).
    case respond(status: Int, headers: [String: String] = [:], body: Data = Data(), delay: Duration = .zero)
    /// Closes the connection without answering, with a TCP reset.
    case close
    /// Never answers; the connection stays open until the client gives up or the server stops.
    case hang
    /// Sends the status and headers with a `Content-Length` for the whole body, then only the first `sentBytes`
    /// bytes of it, and closes the connection: a body cut off on the way.
    case truncate(status: Int, headers: [String: String] = [:], body: Data, sentBytes: Int)

    /// A JSON answer.
    public static func json(_ text: String, status: Int = 200, headers: [String: String] = [:], delay: Duration = .zero) -> ServerAction {
        var all = headers
        all["Content-Type"] = all["Content-Type"] ?? "application/json"
        return .respond(status: status, headers: all, body: Data(text.utf8), delay: delay)
    }

    /// A plain-text answer.
    public static func text(_ text: String, status: Int = 200, headers: [String: String] = [:], delay: Duration = .zero) -> ServerAction {
        var all = headers
        all["Content-Type"] = all["Content-Type"] ?? "text/plain; charset=utf-8"
        return .respond(status: status, headers: all, body: Data(text.utf8), delay: delay)
    }
}
