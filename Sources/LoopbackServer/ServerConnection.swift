import Foundation

/// Serves one accepted connection on its own thread: parses requests one after another (keep-alive),
/// asks the handler what to do and does it.
final class ServerConnection: @unchecked Sendable {
    private let fd: Int32
    private let id: Int
    private let core: ServerCore
    private var buffer: [UInt8] = []

    init(fd: Int32, id: Int, core: ServerCore) {
        self.fd = fd
        self.id = id
        self.core = core
    }

    /// The connection's loop; returns when the connection is closed. Closes the socket.
    func run() {
        defer { core.closeConnection(fd) }
        while !core.isStopped {
            guard let (head, body) = readRequest() else { return }
            let request = ServerRequest(method: head.method, target: head.target, headers: head.headers,
                                        body: Data(body), connectionID: id)
            let action = core.handle(request)
            switch action {
            case .respond(let status, let headers, let body, let delay):
                guard core.sleep(delay) else { return }
                var keepAlive = head.keepAlive
                if headers.contains(where: { $0.key.lowercased() == "connection" && $0.value.lowercased() == "close" }) {
                    keepAlive = false
                }
                guard SocketIO.write(fd, Self.response(status: status, headers: headers, body: body, keepAlive: keepAlive)),
                      keepAlive else { return }
            case .close:
                SocketIO.setResetOnClose(fd)
                return
            case .hang:
                hang()
                return
            case .truncate(let status, let headers, let body, let sentBytes):
                let whole = Self.response(status: status, headers: headers, body: body, keepAlive: false)
                let cut = whole.count - body.count + min(max(0, sentBytes), body.count)
                _ = SocketIO.write(fd, Array(whole[0..<cut]))
                return
            }
        }
    }

    /// Reads the next complete request; `nil` when the peer closed, the server stopped or the request is malformed.
    private func readRequest() -> (RequestHead, [UInt8])? {
        var searchFrom = 0
        var headEnd: Int?
        while headEnd == nil {
            headEnd = RequestParser.headEnd(in: buffer, from: searchFrom)
            if headEnd != nil { break }
            searchFrom = max(0, buffer.count - 3)
            guard buffer.count < 1 << 20 else { return reject(431, "request head too large") }
            guard SocketIO.read(fd, into: &buffer) else { return nil }
        }
        guard let end = headEnd else { return nil }
        let head: RequestHead
        do {
            head = try RequestParser.parseHead(buffer[0..<end])
        } catch {
            return reject(400, "\(error)")
        }
        if head.expectsContinue {
            guard SocketIO.write(fd, Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)) else { return nil }
        }
        if head.isChunked {
            while true {
                do {
                    if let (body, bodyEnd) = try RequestParser.decodeChunked(buffer, from: end) {
                        buffer.removeFirst(bodyEnd)
                        return (head, body)
                    }
                } catch {
                    return reject(400, "\(error)")
                }
                guard SocketIO.read(fd, into: &buffer) else { return nil }
            }
        }
        let length = head.contentLength ?? 0
        guard length >= 0, length < 64 << 20 else { return reject(413, "body too large") }
        while buffer.count < end + length {
            guard SocketIO.read(fd, into: &buffer) else { return nil }
        }
        let body = Array(buffer[end..<end + length])
        buffer.removeFirst(end + length)
        return (head, body)
    }

    /// Answers a request the server cannot parse, then ends the connection.
    private func reject(_ status: Int, _ reason: String) -> (RequestHead, [UInt8])? {
        _ = SocketIO.write(fd, Self.response(status: status, headers: ["Content-Type": "text/plain"],
                                             body: Data(reason.utf8), keepAlive: false))
        return nil
    }

    /// Holds the connection open without answering until the peer closes it or the server stops.
    private func hang() {
        while !core.isStopped {
            guard SocketIO.waitReadable(fd, milliseconds: 50) else { continue }
            var discard: [UInt8] = []
            guard SocketIO.read(fd, into: &discard) else { return }
        }
    }

    static func response(status: Int, headers: [String: String], body: Data, keepAlive: Bool) -> [UInt8] {
        var head = "HTTP/1.1 \(status) \(RequestParser.reason(status))\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key })
        where !["content-length", "connection", "transfer-encoding"].contains(name.lowercased()) {
            head += "\(name): \(value)\r\n"
        }
        head += "Content-Length: \(body.count)\r\n"
        head += keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n"
        head += "\r\n"
        return Array(head.utf8) + Array(body)
    }
}
