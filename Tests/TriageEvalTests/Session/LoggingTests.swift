import Foundation
import Logging
import LoopbackServer
import Testing
import TriageEngine
@testable import TriageEval

/// The logger handed to engine construction reaches the transport's retries and the runner: each scenario,
/// each model call and each retry is logged with dotted metadata keys.
@Suite("Logging")
struct LoggingTests {
    @Test func runLogsScenariosCallsAndRetries() async throws {
        let stub = try OpenAIStub(answer: ModelRunTests.oracle)
        defer { stub.stop() }
        // The first request is refused once: one retry, one back-off.
        stub.enqueue(.status(503))
        var workspace = try EvalFixtures.workspace([EvalFixtures.root + "/Tests/Fixtures/cli/pass.yaml"])
        workspace.models.models.append(ModelConfig(name: "stub", provider: .openai, baseURL: stub.baseURL, model: "stub-model", timeout: .seconds(5)))
        let capture = LogCapture()
        let engine = try Engine.make(workspace: workspace,
                                     options: EngineOptions(model: "stub", cacheMode: .bypass,
                                                            retry: RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(1), jitter: 0)),
                                     store: nil, environment: [:], logger: capture.logger(level: .debug))
        let outcome = try await Evaluation(workspace: workspace, engine: engine).run(store: try SQLiteStore(path: ":memory:"))
        #expect(outcome.status == .completed)

        let records = capture.records
        let scenarios = records.filter { $0.message == "scenario finished" }
        #expect(scenarios.map { $0.metadata["scenario.id"] ?? "" }.sorted() == workspace.scenarios.map(\.id).sorted())
        #expect(scenarios.allSatisfy { $0.level == .debug && $0.metadata["scenario.status"] != nil && $0.metadata["scenario.calls"] == "2" })
        let calls = records.filter { $0.message == "model call" }
        #expect(calls.count == 6)
        #expect(calls.map { $0.metadata["call.purpose"] ?? "" }.sorted() == ["reply", "reply", "reply", "stage1", "stage1", "stage1"])
        #expect(calls.allSatisfy { $0.metadata["call.model"] == "stub-model" && $0.metadata["call.cached"] == "false" })
        #expect(calls.filter { $0.metadata["call.attempts"] == "2" }.count == 1)
        let retries = records.filter { $0.message == "retrying model call" }
        #expect(retries.count == 1)
        #expect(retries.first?.metadata["retry.attempt"] == "1")
        #expect(retries.first?.metadata["retry.wait_ms"] == "1")
        #expect(retries.first?.metadata["http.status"] == "503")
        #expect(records.contains { $0.message == "run started" && $0.metadata["run.id"] == "\(outcome.runID)" })
    }

    /// At the CLI's default level nothing below a warning is emitted.
    @Test func warningLevelDropsTheDetail() async throws {
        let workspace = try EvalFixtures.workspace([EvalFixtures.root + "/Tests/Fixtures/cli/pass.yaml"])
        let capture = LogCapture()
        let engine = try Engine.make(workspace: workspace, options: EngineOptions(), store: nil, logger: capture.logger(level: .warning))
        _ = try await Evaluation(workspace: workspace, engine: engine).run(store: try SQLiteStore(path: ":memory:"))
        #expect(capture.records.isEmpty)
    }
}
