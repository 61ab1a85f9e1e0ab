import Foundation
import Testing
import TriageEngine
@testable import TriageEval

@Suite("Evaluation end to end")
struct EvaluationTests {
    func evaluation(_ suite: String, repeats: Int = 1) throws -> Evaluation {
        let workspace = try EvalFixtures.workspace([EvalFixtures.root + "/Tests/Fixtures/cli/" + suite])
        return Evaluation(workspace: workspace, engine: try Engine.make(workspace: workspace, options: EngineOptions(), store: nil, logger: EvalFixtures.logger),
                          concurrency: 2, repeats: repeats)
    }

    @Test func storesEveryResultAndRerendersTheSameReport() async throws {
        let store = try SQLiteStore(path: ":memory:")
        let outcome = try await evaluation("pass.yaml", repeats: 2).run(store: store)
        #expect(outcome.status == .completed)
        #expect(outcome.report.scenarioCount == 6)
        #expect(outcome.report.passed == 6)
        #expect(outcome.report.gatesPassed)
        let stored = try #require(try store.run(outcome.runID))
        #expect(stored.sources.map(\.kind) == ["rules", "rules", "rules", "prompt", "suite"])
        #expect(stored.sources.allSatisfy { $0.sha256.count == 64 })
        let again = RunReport.build(run: stored, results: try store.results(run: outcome.runID))
        #expect(again == outcome.report)
        let first = try #require(try store.results(run: outcome.runID).first)
        #expect(first.decision?.trace.winner == "billing-dispute")
        #expect(first.decision?.reply.text.contains("our Billing team") == true)
    }

    @Test func aCancelledRunIsMarkedInterruptedAndKeepsWhatItFinished() async throws {
        let store = try SQLiteStore(path: ":memory:")
        let flag = CancellationFlag()
        flag.cancel(reason: "test")
        let outcome = try await evaluation("pass.yaml").run(store: store, cancellation: flag)
        #expect(outcome.status == .interrupted)
        #expect(outcome.interruption == "test")
        #expect(try store.run(outcome.runID)?.status == .interrupted)
    }

    @Test func failingGateIsReported() async throws {
        let outcome = try await evaluation("failing.yaml").run(store: try SQLiteStore(path: ":memory:"))
        #expect(outcome.report.gates.map(\.summary) == ["failing: accuracy 0.500 < min 1 (scenarios: failing-wrong-expectation)"])
    }
}
