import Foundation
import Testing
import TriageEngine
@testable import TriageEval

@Suite("SQLite store")
struct StoreTests {
    @Test func roundTripInATemporaryDirectory() throws {
        let directory = try EvalFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("nested/runs.sqlite").path
        let store = try Store(path: path)
        let gates = RunGates(suites: ["s": GateSet(accuracy: 0.9)], run: GateSet(maxErrorRate: 0.1))
        var run = SyntheticResults.run(gates: gates)
        run.pid = getpid()
        let id = try store.startRun(run)
        try store.append(Array(SyntheticResults.results.prefix(3)), run: id)
        try store.append(Array(SyntheticResults.results.suffix(2)), run: id)
        try store.finishRun(id, status: .completed)

        // A new store on the same file sees the same data (migrations are idempotent).
        let reopened = try Store(path: path)
        let loaded = try #require(try reopened.run(id))
        #expect(loaded.status == .completed)
        #expect(loaded.gates == gates)
        #expect(loaded.sources == run.sources)
        #expect(loaded.engine == run.engine)
        #expect(loaded.suites == ["s"])
        #expect(try reopened.results(run: id) == SyntheticResults.results)
        #expect(try reopened.latestRunID() == id)
        #expect(try reopened.latestRunID(suite: "s") == id)
        #expect(try reopened.latestRunID(suite: "other") == nil)
    }

    @Test func runsLeftRunningByADeadProcessBecomeInterrupted() throws {
        let store = try Store(path: ":memory:")
        var dead = SyntheticResults.run()
        dead.host = ProcessInfo.processInfo.hostName
        dead.pid = 999_999
        let deadID = try store.startRun(dead)
        var alive = dead
        alive.pid = 1  // init is always alive
        let aliveID = try store.startRun(alive)
        #expect(try store.markStaleRuns(isAlive: { $0 == 1 }) == [deadID])
        #expect(try store.run(deadID)?.status == .interrupted)
        #expect(try store.run(aliveID)?.status == .running)
    }

    @Test func rewritingAResultReplacesItInsteadOfDuplicating() throws {
        let store = try Store(path: ":memory:")
        let id = try store.startRun(SyntheticResults.run())
        try store.append(SyntheticResults.results, run: id)
        try store.append(SyntheticResults.results, run: id)
        #expect(try store.resultCount(run: id) == 5)
    }
}

@Suite("Store summaries")
struct StoreSummaryTests {
    /// Reports read columns only; they must equal reports over fully decoded results.
    @Test func summaryReportEqualsFullReport() async throws {
        let workspace = try EvalFixtures.workspace([EvalFixtures.root + "/scenarios"])
        let store = try Store(path: ":memory:")
        let evaluation = Evaluation(workspace: workspace, engine: try Engine.make(workspace: workspace, options: EngineOptions(), store: nil, logger: EvalFixtures.logger))
        let outcome = try await evaluation.run(store: store)
        let run = try #require(try store.run(outcome.runID))
        let full = try store.results(run: outcome.runID, detail: .full)
        let summary = try store.results(run: outcome.runID, detail: .summary)
        #expect(full.count == workspace.scenarios.count)
        #expect(full.allSatisfy { $0.decision != nil })
        #expect(summary.allSatisfy { $0.decision == nil })
        #expect(RunReport.build(run: run, results: summary) == RunReport.build(run: run, results: full))
        #expect(summary.map(\.failedChecks) == full.map(\.failedChecks))
    }
}

@Suite("Store files")
struct StoreFileTests {
    @Test func removeDatabaseDeletesTheFileAndItsWAL() throws {
        let directory = try EvalFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("scratch.sqlite").path
        do {
            let store = try Store(path: path)
            _ = try store.startRun(SyntheticResults.run())
        }
        #expect(FileManager.default.fileExists(atPath: path))
        Store.removeDatabase(at: path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == [])
    }
}
