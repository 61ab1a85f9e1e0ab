import Foundation
import LoopbackServer
import Testing
@testable import TriageEngine

/// Every fault of the stub's script against both real transports (URLSession and libcurl), with a test clock
/// so back-off never sleeps. Each test gets its own stub and its own transport.
@Suite struct RetryingTransportTests {
    @Test(arguments: ProviderFixtures.transportKinds)
    func rateLimitWithRetryAfterSecondsThenSuccess(kind: DefaultTransport.Kind) async throws {
        let stub = try OpenAIStub()
        defer { stub.stop() }
        stub.enqueue(.status(429, retryAfter: "2"))
        let clock = TestClock()
        let (response, attempts) = try await ProviderFixtures.transport(clock: clock, kind: kind).sendWithAttempts(ProviderFixtures.rawRequest(stub.baseURL))
        #expect(response.status == 200)
        #expect(attempts == 2)
        #expect(clock.sleeps == [.seconds(2)])
        #expect(stub.requestCount == 2)
    }

    @Test(arguments: ProviderFixtures.transportKinds)
    func rateLimitWithRetryAfterHTTPDateThenSuccess(kind: DefaultTransport.Kind) async throws {
        let stub = try OpenAIStub()
        defer { stub.stop() }
        stub.enqueue(.status(429, ProviderFixtures.now.addingTimeInterval(7)))
        let clock = TestClock()
        let (_, attempts) = try await ProviderFixtures.transport(clock: clock, kind: kind).sendWithAttempts(ProviderFixtures.rawRequest(stub.baseURL))
        #expect(attempts == 2)
        #expect(clock.sleeps == [.seconds(7)])
    }

    @Test(arguments: ProviderFixtures.transportKinds)
    func serverErrorsRetriedWithExponentialBackoffThenSuccess(kind: DefaultTransport.Kind) async throws {
        let stub = try OpenAIStub()
        defer { stub.stop() }
        stub.enqueue(.status(500), .status(503), .status(502))
        let clock = TestClock()
        let (response, attempts) = try await ProviderFixtures.transport(clock: clock, kind: kind).sendWithAttempts(ProviderFixtures.rawRequest(stub.baseURL))
        #expect(response.status == 200)
        #expect(attempts == 4)
        #expect(clock.sleeps == [.milliseconds(500), .seconds(1), .seconds(2)])
    }

    @Test(arguments: ProviderFixtures.transportKinds)
    func persistentServiceUnavailableIsServerErrorAfterMaxAttempts(kind: DefaultTransport.Kind) async throws {
        let stub = try OpenAIStub()
        defer { stub.stop() }
        stub.enqueue(.status(503), .status(503), .status(503), .status(503), .status(503))
        let clock = TestClock()
        let transport = ProviderFixtures.transport(clock: clock, kind: kind)
        let error = await ProviderFixtures.modelError { try await transport.send(ProviderFixtures.rawRequest(stub.baseURL)) }
        #expect(error?.errorClass == "server_error")
        #expect(error?.status == 503)
        #expect(error?.attempts == 4)
        #expect(stub.requestCount == 4)
        #expect(clock.sleeps == [.milliseconds(500), .seconds(1), .seconds(2)])
        #expect(error?.description.hasPrefix("server_error (HTTP 503, 4 attempts): HTTP 503 from 127.0.0.1:") == true)
        #expect(error?.description.hasSuffix("; gave up after 4 attempts") == true)
    }

    @Test(arguments: ProviderFixtures.transportKinds)
    func persistentRateLimitIsRateLimited(kind: DefaultTransport.Kind) async throws {
        let stub = try OpenAIStub()
        defer { stub.stop() }
        stub.enqueue(.status(429), .status(429))
        let clock = TestClock()
        let transport = ProviderFixtures.transport(clock: clock, kind: kind, policy: RetryPolicy(maxAttempts: 2, jitter: 0))
        let error = await ProviderFixtures.modelError { try await transport.send(ProviderFixtures.rawRequest(stub.baseURL)) }
        #expect(error?.errorClass == "rate_limited")
        #expect(error?.attempts == 2)
    }

    /// A `Retry-After` beyond the total-wait budget stops at once instead of waiting.
    @Test(arguments: ProviderFixtures.transportKinds)
    func retryAfterBeyondBudgetGivesUp(kind: DefaultTransport.Kind) async throws {
        let stub = try OpenAIStub()
        defer { stub.stop() }
        stub.enqueue(.status(429, retryAfter: "120"))
        let clock = TestClock()
        let transport = ProviderFixtures.transport(clock: clock, kind: kind)
        let error = await ProviderFixtures.modelError { try await transport.send(ProviderFixtures.rawRequest(stub.baseURL)) }
        #expect(error?.errorClass == "rate_limited")
        #expect(error?.attempts == 1)
        #expect(clock.sleeps.isEmpty)
        #expect(error?.detail.hasSuffix("gave up: waiting 120 s more would exceed the retry budget of 60 s (waited 0 s)") == true)
    }

    @Test(arguments: ProviderFixtures.transportKinds, [400, 401, 403, 404, 422])
    func clientErrorsAreNotRetried(kind: DefaultTransport.Kind, status: Int) async throws {
        let stub = try OpenAIStub()
        defer { stub.stop() }
        stub.enqueue(.status(status))
        let clock = TestClock()
        let transport = ProviderFixtures.transport(clock: clock, kind: kind)
        let error = await ProviderFixtures.modelError { try await transport.send(ProviderFixtures.rawRequest(stub.baseURL)) }
        #expect(error?.errorClass == "client_error")
        #expect(error?.status == status)
        #expect(error?.attempts == 1)
        #expect(stub.requestCount == 1)
        #expect(clock.sleeps.isEmpty)
        #expect(error?.detail.contains("stub fault: HTTP \(status)") == true)
    }

    @Test(arguments: ProviderFixtures.transportKinds)
    func connectionResetIsRetriedThenSucceeds(kind: DefaultTransport.Kind) async throws {
        let stub = try OpenAIStub()
        defer { stub.stop() }
        stub.enqueue(.reset)
        let clock = TestClock()
        let (response, attempts) = try await ProviderFixtures.transport(clock: clock, kind: kind).sendWithAttempts(ProviderFixtures.rawRequest(stub.baseURL))
        #expect(response.status == 200)
        #expect(attempts == 2)
        #expect(clock.sleeps == [.milliseconds(500)])
    }

    @Test(arguments: ProviderFixtures.transportKinds)
    func persistentResetIsTransport(kind: DefaultTransport.Kind) async throws {
        let stub = try OpenAIStub()
        defer { stub.stop() }
        stub.enqueue(.reset, .reset, .reset, .reset, .reset, .reset, .reset, .reset)
        let clock = TestClock()
        let transport = ProviderFixtures.transport(clock: clock, kind: kind)
        let error = await ProviderFixtures.modelError { try await transport.send(ProviderFixtures.rawRequest(stub.baseURL)) }
        #expect(error?.errorClass == "transport")
        #expect(error?.status == nil)
        #expect(error?.attempts == 4)
        #expect(clock.sleeps.count == 3)
    }

    /// A server that never answers ends in `timeout` after the real 300 ms request timeout of each attempt.
    @Test(arguments: ProviderFixtures.transportKinds)
    func hangPastTimeoutIsTimeout(kind: DefaultTransport.Kind) async throws {
        let stub = try OpenAIStub()
        defer { stub.stop() }
        stub.enqueue(.hang, .hang)
        let clock = TestClock()
        let transport = ProviderFixtures.transport(clock: clock, kind: kind, policy: RetryPolicy(maxAttempts: 2, jitter: 0))
        let started = ContinuousClock.now
        let error = await ProviderFixtures.modelError {
            try await transport.send(ProviderFixtures.rawRequest(stub.baseURL, timeout: .milliseconds(300)))
        }
        let elapsed = ContinuousClock.now - started
        #expect(error?.errorClass == "timeout")
        #expect(error?.attempts == 2)
        #expect(stub.requestCount == 2)
        #expect(elapsed >= .milliseconds(600))
        #expect(error?.description.hasPrefix("timeout (2 attempts): no response from 127.0.0.1:") == true)
        #expect(error?.description.contains("/v1/chat/completions within 300 ms") == true)
        // No upper bound on the elapsed time: on a loaded machine it says nothing about the transport.
    }

    /// The connection's credentials never appear in an error, even when the server echoes them.
    @Test(arguments: ProviderFixtures.transportKinds)
    func echoedCredentialsAreRedacted(kind: DefaultTransport.Kind) async throws {
        let key = "k3y-\(UUID().uuidString)"
        let stub = try OpenAIStub()
        defer { stub.stop() }
        stub.enqueue(.status(401, body: #"{"error": {"message": "Incorrect API key provided: \#(key). Header was: Bearer \#(key)"}}"#))
        let transport = ProviderFixtures.transport(clock: TestClock(), kind: kind)
        let request = ProviderFixtures.rawRequest(stub.baseURL, headers: ["Authorization": "Bearer \(key)"])
        let error = await ProviderFixtures.modelError { try await transport.send(request) }
        let description = try #require(error?.description)
        #expect(!description.contains(key))
        #expect(description.contains("Incorrect API key provided: [redacted]"))
        #expect(stub.requests.first?.header("authorization") == "Bearer \(key)")
    }
}
