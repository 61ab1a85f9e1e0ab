import Foundation
import LoopbackServer
import Testing
import TriageEngine
@testable import TriageEval

/// Model runs against a server injecting a seeded mix of 429s, 500s, resets and truncated bodies, through
/// both transports: every request the server saw is an attempt the store recorded, errors are transport
/// and server classes (a cut-off body is never `invalid_output`), and the exit code follows the error budget.
@Suite("Fault runs", .serialized)
struct FaultRunTests {
    static let answer = #"{"category": "how_to", "confidence": 0.9, "priority": "low", "sentiment": "neutral", "sentiment_score": 0, "churn_risk": false, "reason": "stub"}"#

    @Test(arguments: DefaultTransport.Kind.allCases.filter { $0 != .curl || CurlTransport.isAvailable }.map(\.rawValue))
    func everyRequestOnTheWireIsARecordedAttempt(transport: String) async throws {
        let stub = try OpenAIStub(answer: { _ in Self.answer })
        defer { stub.stop() }
        stub.inject(StubFaultMix(rateLimited: 0.2, serverError: 0.1, reset: 0.05, truncated: 0.05, seed: 3))
        let directory = try EvalFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let workspace = try EvalFixtures.workspace([EvalFixtures.root + "/Tests/Fixtures/cli/pass.yaml"])
        let figures = try await Benchmark.faultRun(
            workspace: workspace, baseURL: stub.baseURL, requestsSeen: { stub.requestCount }, scenarios: 100, concurrency: 8,
            retry: RetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(1), maxDelay: .milliseconds(2), jitter: 0),
            environment: ["TRIAGE_EVAL_TRANSPORT": transport], storePath: directory.appendingPathComponent("runs.sqlite").path)
        #expect(figures.scenarios == 100)
        #expect(figures.calls == 100)
        #expect(figures.requestsOnTheWire == stub.requestCount)
        #expect(figures.attemptsRecorded == figures.requestsOnTheWire)
        // 40% of attempts fail, so about 1 call in 40 fails four times: some errored, far from all.
        #expect(figures.requestsOnTheWire > 125)
        #expect(Set(figures.erroredByClass.keys).isSubset(of: ["rate_limited", "server_error", "transport"]))
        #expect(figures.exitCode == (Double(figures.errored) / 100 > 0.05 ? 3 : 0))
    }

    /// Every call refused: the run errors throughout, and past the default 5% budget that is exit 3.
    @Test func everyCallFailingIsExitThree() async throws {
        let stub = try OpenAIStub(answer: { _ in Self.answer })
        defer { stub.stop() }
        stub.inject(StubFaultMix(serverError: 1, seed: 1))
        let directory = try EvalFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let workspace = try EvalFixtures.workspace([EvalFixtures.root + "/Tests/Fixtures/cli/pass.yaml"])
        let figures = try await Benchmark.faultRun(
            workspace: workspace, baseURL: stub.baseURL, requestsSeen: { stub.requestCount }, scenarios: 20, concurrency: 4,
            retry: RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(1), jitter: 0), environment: [:],
            storePath: directory.appendingPathComponent("runs.sqlite").path)
        #expect(figures.errored == 20)
        #expect(figures.erroredByClass == ["server_error": 20])
        #expect(figures.requestsOnTheWire == 40)
        #expect(figures.attemptsRecorded == 40)
        #expect(figures.exitCode == 3)
    }
}
