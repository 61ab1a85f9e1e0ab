import Foundation
import LoopbackServer
import Testing
@testable import TriageEngine

/// Builders shared by the provider tests: configs pointing at a stub, and transports of a fresh base
/// transport (so connection reuse never leaks between tests) that sleep on a ``TestClock``.
enum ProviderFixtures {
    /// The transports tests run against: both on Linux (where CurlTransport must load, so a loading problem
    /// fails loudly), URLSession only where libcurl is not used.
    static let transportKinds: [DefaultTransport.Kind] = {
        #if os(Linux)
        return [.urlSession, .curl]
        #else
        return CurlTransport.isAvailable ? [.urlSession, .curl] : [.urlSession]
        #endif
    }()

    /// A loopback port that refuses connections while `body` runs: a socket bound to it that never listens and
    /// stays open, so no other server of the test process can take the port (a stopped server's port can be
    /// handed to the next server another test starts, which then answers).
    static func withRefusingPort<T>(_ body: (Int) async throws -> T) async throws -> T {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(socket >= 0, "socket() failed")
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        try #require(bound, "bind() to 127.0.0.1 failed")
        return try await body(Int(UInt16(bigEndian: address.sin_port)))
    }

    /// What production code uses here when nothing is configured (CurlTransport on Linux).
    static let defaultKind: DefaultTransport.Kind = (try? DefaultTransport.kind(environment: [:])) ?? .urlSession

    /// A fresh base transport of `kind`; when it cannot be made the test fails (and gets URLSession to go on with).
    static func base(_ kind: DefaultTransport.Kind) -> any HTTPTransport {
        do {
            // Tests that count connections must not depend on how long the test runner leaves a task waiting
            // between two calls: libcurl does not reuse a connection idle for over 118 s by default, and a full
            // `swift test` on 2 busy cores has starved a task that long (CurlTransportTests pins the age itself).
            if kind == .curl { return try CurlTransport(maximumIdleSeconds: 3600) }
            return try DefaultTransport.make(kind)
        } catch {
            Issue.record("cannot make the \(kind.rawValue) transport: \(error)")
            return URLSessionTransport()
        }
    }

    /// A fixed "now": Sun, 06 Nov 1994 08:49:37 GMT.
    static let now = Date(timeIntervalSince1970: 784_111_777)

    static func openAIConfig(_ baseURL: URL, timeout: Duration = .seconds(10), structuredOutput: Bool? = nil) -> ModelConfig {
        ModelConfig(name: "stub-gpt", provider: .openai, baseURL: baseURL, model: "gpt-test", temperature: 0,
                    maxTokens: 50, timeout: timeout, inputPricePerMillion: 2.5, outputPricePerMillion: 10,
                    apiKeyEnv: "OPENAI_API_KEY", structuredOutput: structuredOutput)
    }

    static func anthropicConfig(_ baseURL: URL, maxTokens: Int? = nil) -> ModelConfig {
        ModelConfig(name: "stub-claude", provider: .anthropic, baseURL: baseURL, model: "claude-test", temperature: 0,
                    maxTokens: maxTokens, timeout: .seconds(10), inputPricePerMillion: 3, outputPricePerMillion: 15,
                    apiKeyEnv: "ANTHROPIC_API_KEY")
    }

    /// A retrying transport over a fresh base transport of `kind`, sleeping on `clock`, with no jitter unless asked.
    static func transport(clock: TestClock, kind: DefaultTransport.Kind = defaultKind,
                          policy: RetryPolicy = RetryPolicy(jitter: 0)) -> RetryingTransport<TestClock> {
        RetryingTransport(base: base(kind), policy: policy, clock: clock, now: { now })
    }

    static func chat(_ text: String = "hello") -> ChatRequest {
        ChatRequest(messages: [.system("You triage tickets."), .user(text)])
    }

    /// A POST to the stub's chat endpoint.
    static func rawRequest(_ baseURL: URL, timeout: Duration = .seconds(10), headers: [String: String] = [:]) -> HTTPRequest {
        HTTPRequest(method: "POST", url: baseURL.appendingPathComponent("chat/completions"),
                    headers: ["Content-Type": "application/json"].merging(headers) { $1 },
                    body: Data(#"{"model":"gpt-test","messages":[{"role":"user","content":"hi"}]}"#.utf8), timeout: timeout)
    }

    /// Runs `body` and returns the ModelError it throws, or nil when it throws none (or another error).
    static func modelError<T>(_ body: () async throws -> T) async -> ModelError? {
        do {
            _ = try await body()
            return nil
        } catch let error as ModelError {
            return error
        } catch {
            return nil
        }
    }
}
