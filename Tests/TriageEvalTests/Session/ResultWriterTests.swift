import Foundation
import Testing
@testable import TriageEval

@Suite("Result writer")
struct ResultWriterTests {
    static func result(_ index: Int) -> ScenarioResult {
        let template = SyntheticResults.results
        var result = template[index % template.count]
        result.ordinal = index
        result.repeatIndex = index / template.count
        return result
    }

    /// Results added faster than they are committed all reach the store by `close()`, once each, in run order.
    @Test func commitsEveryResultByClose() throws {
        let store = try SQLiteStore(path: ":memory:")
        let run = try store.startRun(SyntheticResults.run())
        let writer = ResultWriter(store: store, runID: run)
        let count = 2 * 256 + 7
        for index in 0..<count { try writer.add(Self.result(index)) }
        #expect(try writer.close() == count)
        #expect(try store.resultCount(run: run) == count)
        func key(_ result: ScenarioResult) -> String { "\(result.ordinal) \(result.scenarioID) #\(result.repeatIndex) \(result.status)" }
        #expect(try store.results(run: run, detail: .summary).map(key) == (0..<count).map { key(Self.result($0)) })
    }

    /// A quiet run's result is committed without waiting for more or for `close()`: what a `kill -9` keeps.
    /// (A 30 s bound for a busy machine, not a timing assumption: the writer commits a lone result once it has
    /// waited ``ResultWriter/linger``.)
    @Test func commitsAQuietRunsResultWithoutClose() async throws {
        let store = try SQLiteStore(path: ":memory:")
        let run = try store.startRun(SyntheticResults.run())
        let writer = ResultWriter(store: store, runID: run)
        try writer.add(Self.result(0))
        var stored = 0
        for _ in 0..<3000 where stored < 1 {
            stored = try store.resultCount(run: run)
            if stored < 1 { try await Task.sleep(for: .milliseconds(10)) }
        }
        #expect(stored == 1)
        #expect(try writer.close() == 1)
    }
}
