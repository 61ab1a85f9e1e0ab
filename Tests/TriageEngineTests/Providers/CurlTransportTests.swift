import Foundation
import LoopbackServer
import Testing
@testable import TriageEngine

/// What CurlTransport adds to the tests both transports share (``HTTPTransportTests``): CPU while waiting,
/// connection reuse, 64 transfers at once, exact error wording, cancellation and shutdown.
@Suite struct CurlTransportTests {
    /// Waiting for a slow server costs no CPU: the transport thread's own CPU clock over requests that the
    /// server answers after 2 s stays near zero (it sleeps in `curl_multi_poll`). Only that thread is
    /// measured, so other tests running in this process cannot disturb it; the process-wide figure (the
    /// harness CPU per call, with URLSession's spinning thread for contrast) is `triage-eval bench`'s.
    ///
    /// Measured on the project's machine (Swift 6.3.1, libcurl 7.88.1, 2 cores), the same 2 s wait cost
    /// URLSessionTransport 1.6–1.7 s of process CPU and CurlTransport 0.008–0.009 s.
    @Test func waitingForASlowServerCostsNoCPU() async throws {
        let server = try LoopbackServer { _ in .json(#"{"ok": true}"#, delay: .seconds(2)) }
        defer { server.stop() }
        let transport = try CurlTransport()
        let request = HTTPRequest(url: server.baseURL, body: Data(String(repeating: "x", count: 5_000).utf8), timeout: .seconds(20))
        for _ in 0..<3 {
            let threadBefore = try #require(transport.threadCPUTime)
            let response = try await transport.send(request)
            let thread = RetryPolicy.seconds(try #require(transport.threadCPUTime) - threadBefore)
            #expect(response.status == 200)
            #expect(thread < 0.3, "the transport thread used \(thread) s of CPU during a 2 s wait")
        }
    }

    /// Sequential calls go over one keep-alive connection (idle age not limited here: a full `swift test` on 2
    /// busy cores has left this task waiting over libcurl's default 118 s between two calls).
    @Test func sequentialCallsReuseOneConnection() async throws {
        let server = try LoopbackServer { request in .json(#"{"length": \#(request.body.count)}"#) }
        defer { server.stop() }
        let transport = try CurlTransport(maximumIdleSeconds: 3600)
        for _ in 0..<10 {
            let response = try await transport.send(HTTPRequest(url: server.baseURL, body: Data("{}".utf8)))
            #expect(String(decoding: response.body, as: UTF8.self) == #"{"length": 2}"#)
        }
        #expect(server.acceptedConnections == 1)
    }

    /// A connection idle for longer than `maximumIdleSeconds` is not reused: the next call opens another
    /// (``sequentialCallsReuseOneConnection`` shows one that is not idle that long is). The pause only bounds
    /// the idle time from below, so the test does not depend on the machine's speed.
    @Test func aConnectionIdleTooLongIsNotReused() async throws {
        let server = try LoopbackServer { _ in .json(#"{"ok": true}"#) }
        defer { server.stop() }
        let transport = try CurlTransport(maximumIdleSeconds: 1)
        _ = try await transport.send(HTTPRequest(url: server.baseURL, body: Data("{}".utf8)))
        #expect(server.acceptedConnections == 1)
        try await Task.sleep(for: .milliseconds(2_200))
        _ = try await transport.send(HTTPRequest(url: server.baseURL, body: Data("{}".utf8)))
        #expect(server.acceptedConnections == 2)
    }

    /// 64 transfers run at once on 64 connections: the server holds every request until all 64 wait.
    @Test func sixtyFourTransfersRunAtOnce() async throws {
        let waiting = Locked(0)
        let server = try LoopbackServer { _ in
            waiting.withLock { $0 += 1 }
            for _ in 0..<1000 where waiting.current < 64 { try? await Task.sleep(for: .milliseconds(10)) }
            return .json(#"{"ok": true}"#)
        }
        defer { server.stop() }
        let transport = try CurlTransport()
        let request = HTTPRequest(url: server.baseURL, body: Data("{}".utf8), timeout: .seconds(30))
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<64 { group.addTask { try await transport.send(request).status } }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(statuses == Array(repeating: 200, count: 64))
        #expect(waiting.current == 64)
        #expect(server.acceptedConnections == 64)
    }

    /// More transfers than connections allowed wait for a free connection instead of failing.
    @Test func transfersBeyondTheConnectionLimitWait() async throws {
        let server = try LoopbackServer { _ in .json(#"{"ok": true}"#, delay: .milliseconds(20)) }
        defer { server.stop() }
        let transport = try CurlTransport(maximumConnectionsPerHost: 4)
        let request = HTTPRequest(url: server.baseURL, body: Data("{}".utf8), timeout: .seconds(30))
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<40 { group.addTask { try await transport.send(request).status } }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(statuses == Array(repeating: 200, count: 40))
        #expect(server.acceptedConnections <= 4)
    }

    @Test func timeoutIsTimeoutWithTheRequestTimeoutInTheMessage() async throws {
        let server = try LoopbackServer { _ in .hang }
        defer { server.stop() }
        let url = server.baseURL.appendingPathComponent("v1/chat/completions")
        let error = await ProviderFixtures.modelError {
            try await CurlTransport().send(HTTPRequest(url: url, body: Data("{}".utf8), timeout: .milliseconds(300)))
        }
        #expect(error?.description == "timeout (1 attempt): no response from 127.0.0.1:\(server.port)/v1/chat/completions within 300 ms")
    }

    /// A connection reset before any answer is a transport error naming the endpoint and libcurl's code.
    @Test func resetIsTransportWithCurlsExplanation() async throws {
        let server = try LoopbackServer { _ in .close }
        defer { server.stop() }
        let error = try #require(await ProviderFixtures.modelError {
            try await CurlTransport().send(HTTPRequest(url: server.baseURL, body: Data("{}".utf8)))
        })
        #expect(error.errorClass == "transport")
        #expect(error.detail.hasPrefix("127.0.0.1:\(server.port): "), "\(error)")
        // 52: empty reply from server; 56: failure when receiving data (connection reset by peer).
        #expect(error.detail.hasSuffix("(curl error 52)") || error.detail.hasSuffix("(curl error 56)"), "\(error)")
    }

    /// Bodies go out whole with a Content-Length and without `Expect: 100-continue`, whatever their size.
    @Test func bodiesAreSentWithoutExpectContinue() async throws {
        let seen = Locked<[String]>([])
        let server = try LoopbackServer { request in
            seen.withLock { $0.append("\(request.body.count) \(request.header("content-length") ?? "-") \(request.header("expect") ?? "-")") }
            return .json("{}")
        }
        defer { server.stop() }
        let transport = try CurlTransport()
        for size in [0, 1_500, 2_000_000] {
            _ = try await transport.send(HTTPRequest(url: server.baseURL, body: Data(repeating: 0x61, count: size)))
        }
        #expect(seen.current == ["0 0 -", "1500 1500 -", "2000000 2000000 -"])
    }

    @Test(arguments: ["GET", "DELETE", "PATCH", "HEAD"])
    func methodsAreSentAsGiven(method: String) async throws {
        let server = try LoopbackServer { request in .text(request.method) }
        defer { server.stop() }
        let response = try await CurlTransport().send(HTTPRequest(method: method, url: server.baseURL))
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == (method == "HEAD" ? "" : method))
    }

    /// Redirects are returned, not followed.
    @Test func redirectsAreNotFollowed() async throws {
        let server = try LoopbackServer { _ in .respond(status: 307, headers: ["Location": "http://127.0.0.1:9/elsewhere"]) }
        defer { server.stop() }
        let response = try await CurlTransport().send(HTTPRequest(method: "GET", url: server.baseURL))
        #expect(response.status == 307)
        #expect(response.header("location") == "http://127.0.0.1:9/elsewhere")
    }

    /// Cancelling many waiting transfers frees their connections and leaves the transport working.
    @Test func cancelledTransfersLeaveTheTransportWorking() async throws {
        let server = try LoopbackServer { request in request.path == "/hang" ? .hang : .text("ok") }
        defer { server.stop() }
        let transport = try CurlTransport()
        let hanging = (0..<20).map { _ in
            Task { try await transport.send(HTTPRequest(url: server.baseURL.appendingPathComponent("hang"), timeout: .seconds(30))) }
        }
        try await Task.sleep(for: .milliseconds(200))
        for task in hanging { task.cancel() }
        for task in hanging {
            await #expect(throws: CancellationError.self) { try await task.value }
        }
        let response = try await transport.send(HTTPRequest(method: "GET", url: server.baseURL))
        #expect(String(decoding: response.body, as: UTF8.self) == "ok")
    }

    @Test func aCancelledTaskSendsNothing() async throws {
        let server = try LoopbackServer { _ in .text("ok") }
        defer { server.stop() }
        let transport = try CurlTransport()
        let task = Task {
            while !Task.isCancelled { await Task.yield() }
            return try await transport.send(HTTPRequest(url: server.baseURL))
        }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(server.acceptedConnections == 0)
    }

    /// Shutting down ends waiting calls and refuses new ones, as transport errors.
    @Test func shutdownEndsWaitingCallsAndRefusesNewOnes() async throws {
        let server = try LoopbackServer { _ in .hang }
        defer { server.stop() }
        let transport = try CurlTransport()
        let waiting = Task { try await transport.send(HTTPRequest(url: server.baseURL, timeout: .seconds(30))) }
        try await Task.sleep(for: .milliseconds(200))
        transport.shutdown()
        let ended = await ProviderFixtures.modelError { try await waiting.value }
        #expect(ended?.description == "transport (1 attempt): 127.0.0.1:\(server.port): the transport was shut down")
        let refused = await ProviderFixtures.modelError { try await transport.send(HTTPRequest(url: server.baseURL)) }
        #expect(refused?.errorClass == "transport")
    }
}

/// The pure parts of CurlTransport: header lines out, header fields in, timeouts and error wording.
@Suite struct CurlTransportWordingTests {
    @Test func headerLinesAddExpectAndKeepEmptyValues() {
        #expect(CurlTransport.headerLines(["Content-Type": "application/json", "X-Empty": "", "Authorization": "Bearer k"])
                == ["Authorization: Bearer k", "Content-Type: application/json", "X-Empty;", "Expect:"])
        #expect(CurlTransport.headerLines(["Expect": "100-continue"]) == ["Expect: 100-continue"])
        #expect(CurlTransport.headerLines([:]) == ["Expect:"])
    }

    @Test func lineBreaksCannotSmuggleAHeader() {
        #expect(CurlTransport.headerLines(["X-Note": "a\r\nX-Injected: 1", "Bad\nName": "v"])
                == ["Bad Name: v", "X-Note: a X-Injected: 1", "Expect:"])
    }

    @Test func responseHeadersAreLowercasedAndRepeatsJoined() {
        let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nSet-Cookie: a=1\r\nset-cookie: b=2\r\nX-Request-ID:  abc \r\nno colon here\r\n\r\n"
        #expect(CurlTransport.parseHeaders(Array(head.utf8))
                == ["content-type": "application/json", "set-cookie": "a=1, b=2", "x-request-id": "abc"])
        #expect(CurlTransport.parseHeaders([UInt8]()) == [:])
    }

    @Test(arguments: [(Duration.milliseconds(300), 300), (.zero, 1), (.microseconds(1_500), 2), (.seconds(60), 60_000),
                      (.seconds(10_000_000), Int(Int32.max))] as [(Duration, Int)])
    func timeoutsAreWholeMillisecondsRoundedUp(timeout: Duration, milliseconds: Int) {
        #expect(CurlTransport.timeoutMilliseconds(timeout) == milliseconds)
    }

    @Test func curlTimeoutIsWordedAsURLSessionTransportWordsIt() {
        let request = HTTPRequest(url: URL(string: "http://127.0.0.1:8080/v1/chat/completions")!, timeout: .milliseconds(1_500))
        let error = CurlTransport.error(code: 28, curlMessage: "Operation timed out after 1501 milliseconds with 0 bytes received", request: request)
        #expect(error.description == "timeout (1 attempt): no response from 127.0.0.1:8080/v1/chat/completions within 1.5 s")
    }

    @Test func otherFailuresAreTransportWithCurlsTextAndCode() {
        let request = HTTPRequest(url: URL(string: "http://127.0.0.1:8080/v1/chat/completions")!)
        let refused = CurlTransport.error(code: 7, curlMessage: "Failed to connect to 127.0.0.1 port 8080 after 0 ms: Couldn't connect to server",
                                          request: request)
        #expect(refused.description == "transport (1 attempt): 127.0.0.1:8080/v1/chat/completions: Failed to connect to 127.0.0.1 port 8080 after 0 ms: Couldn't connect to server (curl error 7)")
        // Without curl's detailed text, the code's own description.
        let empty = CurlTransport.error(code: 52, curlMessage: "", request: request)
        #expect(empty.description == "transport (1 attempt): 127.0.0.1:8080/v1/chat/completions: Server returned nothing (no headers, no data) (curl error 52)")
    }

    @Test func secretsAreRedactedFromCurlsText() {
        let key = "k3y-\(UUID().uuidString)"
        let request = HTTPRequest(url: URL(string: "http://127.0.0.1:8080/v1")!, headers: ["Authorization": "Bearer \(key)"])
        let error = CurlTransport.error(code: 56, curlMessage: "Recv failure near \(key)", request: request)
        #expect(!error.description.contains(key))
        #expect(error.description.contains("Recv failure near [redacted]"))
    }
}

/// `TRIAGE_EVAL_TRANSPORT` and the platform default.
@Suite struct DefaultTransportTests {
    @Test func namesAreReadCaseInsensitively() throws {
        #expect(try DefaultTransport.kind(environment: ["TRIAGE_EVAL_TRANSPORT": "curl"]) == .curl)
        #expect(try DefaultTransport.kind(environment: ["TRIAGE_EVAL_TRANSPORT": " URLSession "]) == .urlSession)
    }

    @Test func linuxDefaultsToCurl() throws {
        #if os(Linux)
        #expect(try DefaultTransport.kind(environment: [:]) == .curl)
        #expect(try DefaultTransport.make(environment: ["TRIAGE_EVAL_TRANSPORT": ""]) is CurlTransport)
        #else
        #expect(try DefaultTransport.kind(environment: [:]) == .urlSession)
        #endif
        #expect(try DefaultTransport.make(environment: ["TRIAGE_EVAL_TRANSPORT": "urlsession"]) is URLSessionTransport)
    }

    @Test func anUnknownNameIsAnErrorListingTheChoices() {
        let error = #expect(throws: TransportSetupError.self) { try DefaultTransport.make(environment: ["TRIAGE_EVAL_TRANSPORT": "nio"]) }
        #expect(error?.description == "TRIAGE_EVAL_TRANSPORT=nio names no transport; expected one of: urlsession, curl")
    }

    #if os(Linux)
    @Test func libcurlIsLoadedOnLinux() {
        #expect(CurlTransport.isAvailable)
        #expect(CurlTransport.unavailableReason == nil)
        #expect(CurlTransport.libcurlVersion.hasPrefix("libcurl/"))
    }
    #endif
}
