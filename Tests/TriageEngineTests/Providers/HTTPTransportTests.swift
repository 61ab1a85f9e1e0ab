import Foundation
import LoopbackServer
import Testing
@testable import TriageEngine

/// Both real transports (URLSession and libcurl) against the loopback server: statuses passed through,
/// headers, timeouts, resets, refused connections, keep-alive and concurrency.
@Suite struct HTTPTransportTests {
    @Test(arguments: ProviderFixtures.transportKinds)
    func returnsNon2xxResponsesWithLowercasedHeaders(kind: DefaultTransport.Kind) async throws {
        let server = try LoopbackServer { request in
            .respond(status: 404, headers: ["X-Request-Id": "abc", "Content-Type": "text/plain"],
                     body: Data("no route \(request.path)".utf8))
        }
        defer { server.stop() }
        let response = try await ProviderFixtures.base(kind).send(HTTPRequest(method: "GET", url: server.baseURL.appendingPathComponent("v1/x")))
        #expect(response.status == 404)
        #expect(response.headers["x-request-id"] == "abc")
        #expect(response.header("X-Request-ID") == "abc")
        #expect(String(decoding: response.body, as: UTF8.self) == "no route /v1/x")
    }

    @Test(arguments: ProviderFixtures.transportKinds)
    func sendsMethodHeadersAndBody(kind: DefaultTransport.Kind) async throws {
        let server = try LoopbackServer { request in
            .json(#"{"method": "\#(request.method)", "header": "\#(request.header("x-probe") ?? "")", "length": \#(request.body.count)}"#)
        }
        defer { server.stop() }
        let body = Data(String(repeating: "x", count: 100_000).utf8)
        let response = try await ProviderFixtures.base(kind).send(HTTPRequest(method: "PUT", url: server.baseURL, headers: ["X-Probe": "yes"], body: body))
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"method": "PUT", "header": "yes", "length": 100000}"#)
    }

    @Test(arguments: ProviderFixtures.transportKinds)
    func hangEndsInTimeoutAfterTheRequestTimeout(kind: DefaultTransport.Kind) async throws {
        let server = try LoopbackServer { _ in .hang }
        defer { server.stop() }
        let started = ContinuousClock.now
        let error = await ProviderFixtures.modelError {
            try await ProviderFixtures.base(kind).send(HTTPRequest(url: server.baseURL, timeout: .milliseconds(300)))
        }
        let elapsed = ContinuousClock.now - started
        #expect(error?.errorClass == "timeout")
        #expect(error?.detail.hasSuffix("within 300 ms") == true)
        // The hanging server never answers, so ending at all, with the timeout class, proves the deadline works;
        // no upper bound on the time, which a loaded machine would break.
        #expect(elapsed >= .milliseconds(300))
    }

    @Test(arguments: ProviderFixtures.transportKinds)
    func slowAnswerWithinTimeoutSucceeds(kind: DefaultTransport.Kind) async throws {
        let server = try LoopbackServer { _ in .text("late", delay: .milliseconds(200)) }
        defer { server.stop() }
        // A generous timeout: the answer is late, not lost, however loaded the machine.
        let response = try await ProviderFixtures.base(kind).send(HTTPRequest(url: server.baseURL, timeout: .seconds(60)))
        #expect(response.status == 200)
    }

    @Test(arguments: ProviderFixtures.transportKinds)
    func resetIsTransport(kind: DefaultTransport.Kind) async throws {
        let server = try LoopbackServer { _ in .close }
        defer { server.stop() }
        let error = await ProviderFixtures.modelError { try await ProviderFixtures.base(kind).send(HTTPRequest(url: server.baseURL)) }
        #expect(error?.errorClass == "transport")
    }

    @Test(arguments: ProviderFixtures.transportKinds)
    func refusedConnectionIsTransport(kind: DefaultTransport.Kind) async throws {
        try await ProviderFixtures.withRefusingPort { port in
            let url = URL(string: "http://127.0.0.1:\(port)")!
            let error = await ProviderFixtures.modelError { try await ProviderFixtures.base(kind).send(HTTPRequest(url: url, timeout: .seconds(5))) }
            #expect(error?.errorClass == "transport")
            #expect(error?.detail.hasPrefix("127.0.0.1:\(port): ") == true, "\(String(describing: error))")
        }
    }

    /// Sequential calls reuse one keep-alive connection (libcurl), and when the server drops a connection the
    /// request that went out on it is not sent again behind the caller's back: the send fails as a transport
    /// fault, the retry layer counts it as an attempt and sends again, so the attempts recorded equal the
    /// requests the server saw (libcurl's own silent resend used to make them differ). Every request arrives
    /// whole, framed by Content-Length alone.
    @Test(arguments: ProviderFixtures.transportKinds)
    func droppedReusedConnectionIsACountedAttemptNotASilentResend(kind: DefaultTransport.Kind) async throws {
        let calls = ServerCounter()
        let server = try LoopbackServer { request in
            // The 4th request is dropped without an answer on its (reused) connection.
            calls.next() == 4 ? .close : .json(#"{"length": \#(request.body.count), "framing": "\#(request.header("content-length") ?? "chunked")"}"#)
        }
        defer { server.stop() }
        let transport = RetryingTransport(base: ProviderFixtures.base(kind), policy: RetryPolicy(maxAttempts: 3, jitter: 0), clock: TestClock())
        let body = Data(String(repeating: "y", count: 3_000).utf8)
        var answers: [String] = []
        var attempts: [Int] = []
        for _ in 0..<6 {
            let (response, used) = try await transport.sendWithAttempts(HTTPRequest(url: server.baseURL, body: body))
            answers.append(String(decoding: response.body, as: UTF8.self))
            attempts.append(used)
        }
        #expect(answers == Array(repeating: #"{"length": 3000, "framing": "3000"}"#, count: 6))
        #expect(attempts == [1, 1, 1, 2, 1, 1])
        #expect(calls.next() - 1 == attempts.reduce(0, +))
        // libcurl: the first connection, the one it opens for the resend it is then refused (no request goes out
        // on it), and the one the retry layer's attempt uses. URLSession: one connection per request.
        #expect(server.acceptedConnections == (kind == .curl ? 3 : 7))
    }

    /// Without a retry layer the dropped request is one failed send: the server saw it once.
    @Test(arguments: ProviderFixtures.transportKinds)
    func droppedReusedConnectionIsNotResentByTheTransport(kind: DefaultTransport.Kind) async throws {
        let calls = ServerCounter()
        let server = try LoopbackServer { _ in calls.next() == 2 ? .close : .json("{}") }
        defer { server.stop() }
        let transport = ProviderFixtures.base(kind)
        _ = try await transport.send(HTTPRequest(url: server.baseURL, body: Data("{}".utf8)))
        let error = await ProviderFixtures.modelError { try await transport.send(HTTPRequest(url: server.baseURL, body: Data("{}".utf8))) }
        #expect(error?.errorClass == "transport")
        #expect(calls.next() == 3)
    }

    /// A strict server (RFC 9112 section 6.3) refuses a request framed by both Transfer-Encoding and
    /// Content-Length; both transports frame a body by Content-Length alone, so every call succeeds.
    @Test(arguments: ProviderFixtures.transportKinds)
    func bodiesAreFramedByContentLengthAloneForAStrictServer(kind: DefaultTransport.Kind) async throws {
        let server = try LoopbackServer { request in
            .json(#"{"te": "\#(request.header("transfer-encoding") ?? "none")", "cl": "\#(request.header("content-length") ?? "none")", "length": \#(request.body.count)}"#)
        }
        defer { server.stop() }
        let transport = ProviderFixtures.base(kind)
        for size in [1, 70_000] {
            let response = try await transport.send(HTTPRequest(url: server.baseURL, body: Data(String(repeating: "z", count: size).utf8)))
            #expect(response.status == 200)
            #expect(String(decoding: response.body, as: UTF8.self) == #"{"te": "none", "cl": "\#(size)", "length": \#(size)}"#)
        }
    }

    /// 32 concurrent calls are in flight together, not one after another: a server that holds each request
    /// until 16 are waiting at once would never answer a serialized client. Structural, not timed (speed
    /// figures belong in `triage-eval bench`).
    @Test(arguments: ProviderFixtures.transportKinds)
    func thirtyTwoConcurrentRequestsAreNotSerialized(kind: DefaultTransport.Kind) async throws {
        let waiting = Locked(0)
        let server = try LoopbackServer { _ in
            waiting.withLock { $0 += 1 }
            // Hold every request until 16 are in flight (or 10 s pass, which fails the test below).
            for _ in 0..<1000 where waiting.current < 16 { try? await Task.sleep(for: .milliseconds(10)) }
            return .json(#"{"ok": true}"#)
        }
        defer { server.stop() }
        let transport = RetryingTransport(base: ProviderFixtures.base(kind), policy: RetryPolicy(jitter: 0), clock: TestClock())
        let request = HTTPRequest(url: server.baseURL, body: Data("{}".utf8), timeout: .seconds(30))
        let peak = Locked(0)
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<32 { group.addTask { try await transport.send(request).status } }
            return try await group.reduce(into: [Int]()) { result, status in
                peak.withLock { $0 = max($0, waiting.current) }
                result.append(status)
            }
        }
        #expect(statuses == Array(repeating: 200, count: 32))
        #expect(peak.current >= 16)
    }

    @Test(arguments: ProviderFixtures.transportKinds)
    func cancellationStopsAWaitingRequest(kind: DefaultTransport.Kind) async throws {
        let server = try LoopbackServer { _ in .hang }
        defer { server.stop() }
        let task = Task { try await ProviderFixtures.base(kind).send(HTTPRequest(url: server.baseURL, timeout: .seconds(30))) }
        try await Task.sleep(for: .milliseconds(100))
        task.cancel()
        let result = await task.result
        // Proven by the outcome, not by wall time: a request the cancellation did not stop would end in the
        // 30 s timeout's error (the server never answers), not in CancellationError.
        #expect(throws: CancellationError.self) { try result.get() }
    }
}

/// Counts requests across the server's connection threads.
final class ServerCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func next() -> Int { lock.withLock { count += 1; return count } }
}

/// Throughput of the loopback server through the real client: enough for the harness benchmark.
@Suite struct LoopbackThroughputTests {
    /// 1,000 requests over 32 concurrent keep-alive connections. The bound is loose (a sanity check that
    /// nothing serializes or reconnects per request, not a benchmark); the rate is printed.
    @Test(arguments: ProviderFixtures.transportKinds)
    func thousandRequestsOver32Connections(kind: DefaultTransport.Kind) async throws {
        let stub = try OpenAIStub()
        defer { stub.stop() }
        let transport = ProviderFixtures.base(kind)
        let request = ProviderFixtures.rawRequest(stub.baseURL)
        let started = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<32 {
                group.addTask {
                    for _ in stride(from: worker, to: 1_000, by: 32) {
                        let response = try await transport.send(request)
                        guard response.status == 200 else { throw ModelError(.serverError, status: response.status, detail: "") }
                    }
                }
            }
            try await group.waitForAll()
        }
        let elapsed = ContinuousClock.now - started
        let seconds = RetryPolicy.seconds(elapsed)
        print("loopback throughput (\(kind.rawValue)): 1000 requests in \(seconds) s = \(Int(1_000 / seconds)) req/s, \(stub.server.acceptedConnections) connections")
        #expect(stub.requestCount == 1_000)
        // Connections are reused (libcurl trims its connection cache as load drops, so a few dozen reconnect).
        // URLSessionTransport opens a connection per call (see its documentation); libcurl reuses them.
        #expect(kind != .curl || stub.server.acceptedConnections < 250)
        // No time bound here: speed figures belong in `triage-eval bench`, not in a test on a shared machine.
    }
}
