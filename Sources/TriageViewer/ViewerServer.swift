import Foundation
import Hummingbird
import Logging

/// ``Viewer``'s pages over HTTP/1.1 on 127.0.0.1 (hummingbird), never on another interface.
///
/// `GET` and `HEAD` of any target answer with the route's page (`text/html`, with the same
/// Content-Security-Policy as the page's own meta tag and `Cache-Control: no-store`, since the store changes
/// under it); other methods get 405.
public struct ViewerServer: Sendable {
    /// The only address the viewer binds.
    public static let host = "127.0.0.1"
    /// The pages.
    public let viewer: Viewer
    /// The port; 0 lets the system choose a free one (``run(handlingSignals:onListening:)`` reports it).
    public let port: Int
    /// The logger handed to hummingbird.
    public let logger: Logger

    /// Creates a server of the viewer's pages on `127.0.0.1:port`.
    public init(viewer: Viewer, port: Int, logger: Logger) {
        self.viewer = viewer
        self.port = port
        self.logger = logger
    }

    /// Serves until the task is cancelled or, with `handlingSignals`, until SIGINT or SIGTERM (then the
    /// connections in flight finish and it returns). `onListening` gets the address once the port is bound.
    public func run(handlingSignals: Bool, onListening: @escaping @Sendable (URL) async -> Void) async throws {
        let viewer = self.viewer
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            try await Self.respond(to: request, viewer: viewer)
        }
        let fallbackPort = port
        let app = Application(
            responder: responder,
            configuration: ApplicationConfiguration(address: .hostname(Self.host, port: port), serverName: "triage-eval"),
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? fallbackPort
                await onListening(URL(string: "http://\(Self.host):\(bound)/")!)
            },
            logger: logger
        )
        if handlingSignals { try await app.runService() } else { try await app.run() }
    }

    /// The response to one request.
    static func respond(to request: Request, viewer: Viewer) async throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'"
        guard request.method == .get || request.method == .head else {
            headers[.allow] = "GET, HEAD"
            let page = viewer.errorPage(status: 405, reason: "the viewer only reads: use GET")
            return Response(status: .methodNotAllowed, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: page.html)))
        }
        let page = viewer.page(target: request.uri.string)
        let body = request.method == .head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(string: page.html))
        return Response(status: HTTPResponse.Status(code: page.status), headers: headers, body: body)
    }
}
