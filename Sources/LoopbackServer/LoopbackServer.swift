import Foundation

/// A real HTTP/1.1 server on 127.0.0.1 for tests and benchmarks, written on POSIX sockets.
///
/// Listens on an ephemeral port, serves each connection on its own thread with keep-alive, reads
/// `Content-Length` and chunked request bodies, answers `Expect: 100-continue`, and asks an async handler
/// what to do with each request: answer (optionally after a delay), reset the connection, or hang.
///
/// ```swift
/// let server = try LoopbackServer { request in .json(#"{"ok": true}"#) }
/// defer { server.stop() }
/// let url = server.baseURL.appendingPathComponent("v1/models")
/// ```
public final class LoopbackServer: Sendable {
    /// The port the server listens on.
    public let port: Int
    private let core: ServerCore

    /// Starts a server.
    /// - Parameters:
    ///   - port: the port to listen on; 0 (the default) picks a free ephemeral port.
    ///   - handler: decides what to do with each request; called concurrently for concurrent connections.
    /// - Throws: when the socket cannot be created, bound or put to listen.
    public init(port: UInt16 = 0, handler: @escaping @Sendable (ServerRequest) async -> ServerAction) throws {
        let (fd, actualPort) = try SocketIO.listen(port: port)
        self.port = Int(actualPort)
        let core = ServerCore(listener: fd, handler: handler)
        self.core = core
        let thread = Thread { core.acceptLoop() }
        thread.name = "loopback-server-accept-\(actualPort)"
        thread.start()
    }

    deinit {
        core.stop()
    }

    /// `http://127.0.0.1:<port>`.
    public var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// How many connections have been accepted so far (a client that reuses connections keeps this low).
    public var acceptedConnections: Int { core.acceptedConnections }

    /// How many connections are open now.
    public var openConnections: Int { core.openConnections }

    /// Stops accepting and closes every connection, including hanging ones. Safe to call more than once.
    public func stop() {
        core.stop()
    }
}
