import Foundation
import LoopbackServer
@testable import TriageEngine

/// Builders shared by the provider tests: configs pointing at a stub, and transports over a fresh
/// URLSession (so connection reuse never leaks between tests) that sleep on a ``TestClock``.
enum ProviderFixtures {
    /// A fixed "now": Sun, 06 Nov 1994 08:49:37 GMT.
    static let now = Date(timeIntervalSince1970: 784_111_777)

    static func openAIConfig(_ baseURL: URL, timeout: Duration = .seconds(10), structuredOutput: Bool? = nil) -> ModelConfig {
        ModelConfig(name: "stub-gpt", provider: "openai", baseURL: baseURL, model: "gpt-test", temperature: 0,
                    maxTokens: 50, timeout: timeout, inputPricePerMillion: 2.5, outputPricePerMillion: 10,
                    apiKeyEnv: "OPENAI_API_KEY", structuredOutput: structuredOutput)
    }

    static func anthropicConfig(_ baseURL: URL, maxTokens: Int? = nil) -> ModelConfig {
        ModelConfig(name: "stub-claude", provider: "anthropic", baseURL: baseURL, model: "claude-test", temperature: 0,
                    maxTokens: maxTokens, timeout: .seconds(10), inputPricePerMillion: 3, outputPricePerMillion: 15,
                    apiKeyEnv: "ANTHROPIC_API_KEY")
    }

    /// A retrying transport over a fresh URLSession, sleeping on `clock`, with no jitter unless asked.
    static func transport(clock: TestClock, policy: RetryPolicy = RetryPolicy(jitter: 0)) -> RetryingTransport<TestClock> {
        RetryingTransport(base: URLSessionTransport(), policy: policy, clock: clock, now: { now })
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
