import Foundation

/// Sends one HTTP request and returns the response, whatever its status.
///
/// Implementations throw ``ModelError`` (class `timeout` or `transport`) when no response arrives.
/// The model clients take a transport in `init`, so tests can point them at a loopback server and add or
/// remove the retry layer.
public protocol HTTPTransport: Sendable {
    /// Sends `request` and returns the response; non-2xx statuses are returned, not thrown.
    func send(_ request: HTTPRequest) async throws -> HTTPResponse

    /// Sends `request` and also reports how many attempts it took (1 unless the transport retries).
    func sendWithAttempts(_ request: HTTPRequest) async throws -> (response: HTTPResponse, attempts: Int)
}

extension HTTPTransport {
    /// A transport that does not retry makes exactly one attempt.
    public func sendWithAttempts(_ request: HTTPRequest) async throws -> (response: HTTPResponse, attempts: Int) {
        (try await send(request), 1)
    }
}
