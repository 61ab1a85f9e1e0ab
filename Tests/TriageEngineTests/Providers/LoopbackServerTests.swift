#if canImport(Glibc)
import Foundation
import Glibc
import LoopbackServer
import Testing

/// The loopback server's HTTP/1.1 handling, driven by a raw socket so the bytes on the wire are exact:
/// keep-alive, `Expect: 100-continue`, chunked bodies and malformed requests.
@Suite struct LoopbackServerTests {
    @Test func keepAliveServesSeveralRequestsOnOneConnection() throws {
        let server = try LoopbackServer { request in .text("\(request.method) \(request.target) \(request.bodyText)") }
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        defer { client.close() }
        try client.send("GET /a HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try client.readResponse().body == "GET /a ")
        try client.send("POST /b?q=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello")
        #expect(try client.readResponse().body == "POST /b?q=1 hello")
        #expect(server.acceptedConnections == 1)
    }

    @Test func answersExpectContinueAndDecodesChunkedBodies() throws {
        let server = try LoopbackServer { request in .text("[\(request.bodyText)] \(request.header("x-trailer-seen") ?? "-")") }
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        defer { client.close() }
        try client.send("POST /c HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nTransfer-Encoding: chunked\r\n\r\n")
        let interim = try client.readHead()
        #expect(interim.hasPrefix("HTTP/1.1 100 Continue"))
        try client.send("5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nX-Trailer: 1\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 200)
        #expect(response.body == "[hello, world] -")
    }

    @Test func malformedRequestLineGets400AndClose() throws {
        let server = try LoopbackServer { _ in .text("unreachable") }
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        defer { client.close() }
        try client.send("NONSENSE\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 400)
        #expect(response.head.contains("Connection: close"))
    }

    /// Both framings at once is how requests are smuggled: the server refuses them, as strict servers do.
    @Test func transferEncodingWithContentLengthGets400() throws {
        let server = try LoopbackServer { _ in .text("unreachable") }
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        defer { client.close() }
        try client.send("POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n5\r\nhello\r\n0\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 400)
        #expect(response.body == "Malformed(reason: \"both Transfer-Encoding and Content-Length\")")
    }

    /// A truncated answer announces the whole body but sends half of it, then closes.
    @Test func truncateSendsPartOfTheBodyThenCloses() throws {
        let server = try LoopbackServer { _ in .truncate(status: 200, body: Data("0123456789".utf8), sentBytes: 4) }
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        defer { client.close() }
        try client.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n")
        let raw = try client.readToEnd(timeoutSeconds: 5)
        #expect(raw.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(raw.contains("Content-Length: 10\r\n"))
        #expect(raw.hasSuffix("\r\n\r\n0123"))
    }

    /// The seeded fault mix applies each fault in about its share, and the same seed gives the same sequence.
    @Test func faultMixIsSeededAndKeepsItsShares() {
        let mix = StubFaultMix(rateLimited: 0.2, serverError: 0.1, reset: 0.05, truncated: 0.05, seed: 7)
        let faults = (0..<20_000).map { mix.fault(at: $0) }
        #expect(faults == (0..<20_000).map { mix.fault(at: $0) })
        func share(_ match: (StubFault?) -> Bool) -> Double { Double(faults.filter(match).count) / 20_000 }
        // Binomial standard deviations at n = 20,000 are at most 0.0029; 0.015 is over five of them.
        #expect(abs(share { $0 == .status(429) } - 0.2) < 0.015)
        #expect(abs(share { $0 == .status(500) } - 0.1) < 0.015)
        #expect(abs(share { $0 == .reset } - 0.05) < 0.015)
        #expect(abs(share { $0 == .truncated || $0 == .malformedJSON } - 0.05) < 0.015)
        #expect(abs(share { $0 == nil } - 0.6) < 0.015)
        #expect(StubFaultMix(seed: 7).fault(at: 3) == nil)
    }

    @Test func stopEndsHangingConnections() throws {
        let server = try LoopbackServer { _ in .hang }
        let client = try RawClient(port: server.port)
        defer { client.close() }
        try client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        Thread.sleep(forTimeInterval: 0.1)
        server.stop()
        // The server closes its side: the read sees end of stream instead of blocking forever.
        #expect(try client.readToEnd(timeoutSeconds: 3) == "")
    }
}

/// A blocking TCP client on 127.0.0.1 for byte-exact HTTP tests.
final class RawClient {
    struct Failure: Error { var what: String }
    struct Response { var status: Int; var head: String; var body: String }

    private let fd: Int32
    private var buffer: [UInt8] = []

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure(what: "connect errno \(errno)") }
    }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        let sent = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard sent == bytes.count else { throw Failure(what: "short send") }
    }

    private func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 4096)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { throw Failure(what: "connection closed or timed out") }
        buffer.append(contentsOf: chunk[0..<count])
    }

    /// Reads up to the blank line ending a response head.
    func readHead() throws -> String {
        while true {
            if let end = Self.find([13, 10, 13, 10], in: buffer) {
                let head = String(decoding: buffer[0..<end], as: UTF8.self)
                buffer.removeFirst(end + 4)
                return head
            }
            try fill()
        }
    }

    /// Reads one response with a Content-Length body.
    func readResponse() throws -> Response {
        let head = try readHead()
        let status = Int(head.split(separator: " ")[1]) ?? 0
        let lengthLine = head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
        let length = lengthLine.flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
        while buffer.count < length { try fill() }
        let body = String(decoding: buffer[0..<length], as: UTF8.self)
        buffer.removeFirst(length)
        return Response(status: status, head: head, body: body)
    }

    /// Reads until the server closes the connection.
    func readToEnd(timeoutSeconds: Int) throws -> String {
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count == 0 { return String(decoding: buffer, as: UTF8.self) }
            if count < 0 { throw Failure(what: "no end of stream (errno \(errno))") }
            buffer.append(contentsOf: chunk[0..<count])
        }
    }

    func close() { _ = Glibc.close(fd) }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where Array(haystack[start..<start + needle.count]) == needle {
            return start
        }
        return nil
    }
}
#endif
