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
        let store = try Store(path: ":memory:")
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

    @Test func aRunCancelledBeforeItStartsIsInterruptedWithNoResults() async throws {
        let store = try Store(path: ":memory:")
        let flag = CancellationFlag()
        flag.cancel(reason: "test")
        let outcome = try await evaluation("pass.yaml").run(store: store, cancellation: flag)
        #expect(outcome.status == .interrupted)
        #expect(outcome.interruption == "test")
        #expect(try store.run(outcome.runID)?.status == .interrupted)
        #expect(try store.resultCount(run: outcome.runID) == 0)
    }

    /// Cancelled as the first result arrives, at concurrency 2: the scenario run in flight still finishes,
    /// no other starts, and both results are kept.
    @Test func aRunCancelledMidRunKeepsWhatItFinished() async throws {
        let store = try Store(path: ":memory:")
        let flag = CancellationFlag()
        let outcome = try await evaluation("pass.yaml", repeats: 2).run(store: store, cancellation: flag, onResult: { _ in flag.cancel(reason: "test") })
        #expect(outcome.status == .interrupted)
        #expect(outcome.interruption == "test")
        #expect(try store.run(outcome.runID)?.status == .interrupted)
        let kept = try store.results(run: outcome.runID)
        #expect(kept.map { "\($0.scenarioID)#\($0.repeatIndex)" } == ["smoke-refund#0", "smoke-refund#1"])
        #expect(kept.allSatisfy { $0.status == .passed && $0.decision != nil })
        #expect(outcome.report.scenarioCount == 2)
        #expect(try store.progressTime(run: outcome.runID) != nil)
    }

    /// A run printed as text (`run --format text`) builds its report with the lines that did not pass only:
    /// the same figures, gates and text as the report with every line, without a line per scenario in memory.
    @Test func aRunPrintedAsTextKeepsOnlyTheLinesThatDidNotPass() async throws {
        let store = try Store(path: ":memory:")
        var evaluation = try evaluation("failing.yaml", repeats: 2)
        evaluation.reportLines = .failures
        let outcome = try await evaluation.run(store: store)
        let full = try #require(try RunReport.build(run: outcome.runID, store: store))
        #expect(full.results.count == 4)
        #expect(outcome.report.results.map { "\($0.id)#\($0.repeat)" } == ["failing-wrong-expectation#0", "failing-wrong-expectation#1"])
        #expect(outcome.report.results == full.results.filter { !$0.passed })
        #expect(!outcome.report.gatesPassed)
        var everyLine = outcome.report
        everyLine.results = full.results
        #expect(everyLine == full)
        #expect(try outcome.report.render(.text) == (try full.render(.text)))
    }

    /// A run whose row disappears while it runs is a failure of the store (exit 3), not invalid input.
    @Test func aRunThatVanishesMidRunIsAnEvaluationError() async throws {
        let store = try Store(path: ":memory:")
        let error = await #expect(throws: EvaluationError.self) {
            _ = try await evaluation("pass.yaml").run(store: store, onResult: { result in
                try? store.writer.write { db in try db.execute(sql: "DELETE FROM run") }
            })
        }
        #expect(error?.description == "run #1 vanished from the store while it ran")
        #expect(error?.isInvalidInput == false)
    }

    @Test func failingGateIsReported() async throws {
        let outcome = try await evaluation("failing.yaml").run(store: try Store(path: ":memory:"))
        #expect(outcome.report.gates.map(\.summary) == ["failing: accuracy 0.500 < min 1 (scenarios: failing-wrong-expectation)"])
    }
}
