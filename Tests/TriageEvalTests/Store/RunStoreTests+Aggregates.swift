import Foundation
import Testing
import TriageEngine
@testable import TriageEval

/// The store's SQL aggregates (``RunStore/aggregates(runs:)``) and cursor (``RunStore/forEachResult(runs:failuresOnly:_:)``),
/// against the Swift aggregation of the same results, on every backend.
extension RunStoreTests {
    static func storeRandomRun(_ store: any RunStore, results: [ScenarioResult], gates: RunGates = RunGates()) throws -> Int64 {
        let id = try store.startRun(RandomResults.run(gates: gates))
        for start in stride(from: 0, to: results.count, by: 50) {
            try store.append(Array(results[start..<min(start + 50, results.count)]), run: id)
        }
        try store.finishRun(id, status: .completed, at: Self.date)
        return id
    }

    @Test(arguments: StoreBackend.allCases)
    func sqlAggregatesEqualTheSwiftAggregation(backend: StoreBackend) throws {
        let fixture = try backend.makeEmptyStore()
        defer { fixture.remove() }
        let store = fixture.store
        let first = RandomResults.results(seed: 11, scenarios: 120, maxRepeats: 4)
        // A group's shards hold disjoint scenarios, each at its ordinal in the whole run.
        let second = RandomResults.results(seed: 12, scenarios: 30, maxRepeats: 2, idPrefix: "other", ordinalOffset: 120)
        let a = try Self.storeRandomRun(store, results: first)
        let b = try Self.storeRandomRun(store, results: second)
        let aggregates = try store.aggregates(runs: [a])
        #expect(aggregates == RunAggregates(results: first))
        #expect(aggregates.results == first.count && !aggregates.injections.isEmpty && !aggregates.missedAlwaysIDs.isEmpty)
        // A near miss of the flag's name (`prompt-injection`) is not the flag: `_` is no wildcard here.
        #expect(aggregates.injections.count == first.filter(\.promptInjection).count)
        // Two runs (a group's shards: disjoint scenarios) aggregate as their results together.
        #expect(try store.aggregates(runs: [a, b]) == RunAggregates(results: first + second))
        #expect(try store.aggregates(runs: []) == RunAggregates())
        #expect(try store.aggregates(runs: [b + 1]) == RunAggregates(results: []))
    }

    @Test(arguments: StoreBackend.allCases)
    func theCursorHandsOverTheResultsInRunOrder(backend: StoreBackend) throws {
        let fixture = try backend.makeEmptyStore()
        defer { fixture.remove() }
        let store = fixture.store
        let id = try Self.storeRandomRun(store, results: RandomResults.results(seed: 13, scenarios: 40, maxRepeats: 3))
        var all: [ScenarioResult] = []
        try store.forEachResult(runs: [id], suites: nil, failuresOnly: false) { all.append($0) }
        #expect(all == (try store.results(run: id, detail: .summary)))
        var failures: [ScenarioResult] = []
        try store.forEachResult(runs: [id], suites: nil, failuresOnly: true) { failures.append($0) }
        #expect(failures == all.filter { !$0.passed } && !failures.isEmpty)
        var some: [ScenarioResult] = []
        try store.forEachResult(runs: [id], suites: ["beta", "gamma"], failuresOnly: false) { some.append($0) }
        #expect(some == all.filter { $0.suite != "alpha" } && some.count < all.count && !some.isEmpty)
        var none: [ScenarioResult] = []
        try store.forEachResult(runs: [id], suites: [], failuresOnly: false) { none.append($0) }
        #expect(none.isEmpty)
    }

    @Test(arguments: StoreBackend.allCases)
    func aReportFromTheStoreIsTheLegacyReportByteForByte(backend: StoreBackend) throws {
        let fixture = try backend.makeEmptyStore()
        defer { fixture.remove() }
        let store = fixture.store
        let results = RandomResults.results(seed: 14, scenarios: 90, maxRepeats: 3)
        // No gates; suite and run gates (every result judged); suite gates only (only that suite's results loaded).
        let suiteOnly = RunGates(suites: ["alpha": GateSet(accuracy: 0.5, alwaysRecall: 0.9), "beta": GateSet()], run: GateSet())
        for gates in [RunGates(), RunReportAggregationTests.gates, suiteOnly] {
            let id = try Self.storeRandomRun(store, results: results, gates: gates)
            let run = try #require(try store.run(id))
            let legacy = LegacyRunReport.build(run: run, results: try store.results(run: id, detail: .summary), calls: try store.calls(run: id))
            let report = try #require(try RunReport.build(run: id, store: store))
            #expect(report == legacy)
            #expect(report.gates.isEmpty == gates.suites.isEmpty)
            let json = try legacy.renderJSON()
            #expect(try report.renderJSON() == json)
            var bytes: [UInt8] = []
            let streamed = try #require(try RunReport.streamJSON(run: id, store: store) { bytes += $0 })
            #expect(String(decoding: bytes, as: UTF8.self) == json)
            #expect(streamed.results.isEmpty && streamed.gates == legacy.gates)
            let failures = try #require(try RunReport.build(run: id, store: store, lines: .failures))
            #expect(failures.renderText() == legacy.renderText() && failures.renderMarkdown() == legacy.renderMarkdown())
            #expect(failures.results == legacy.results.filter { !$0.passed })
        }
        #expect(try RunReport.streamJSON(run: 999, store: store) { _ in } == nil)
    }
}

extension RunStoreTests {
    /// Only the scored results come back, in run order, with their quality; a run with none hands over nothing.
    @Test(arguments: StoreBackend.allCases)
    func theScoredCursorHandsOverOnlyTheScoredResults(backend: StoreBackend) throws {
        let fixture = try backend.makeEmptyStore()
        defer { fixture.remove() }
        let store = fixture.store
        var results = RandomResults.results(seed: 15, scenarios: 30, maxRepeats: 2)
        for index in stride(from: 1, to: results.count, by: 7) {
            results[index].quality = ConversationQuality(id: results[index].scenarioID, source: "scenario", agentTurns: 2 + index % 3,
                                                         findings: [], health: 60 + index % 40)
        }
        let id = try Self.storeRandomRun(store, results: results)
        var scored: [ScenarioResult] = []
        try store.forEachScoredResult(runs: [id]) { scored.append($0) }
        let all = try store.results(run: id, detail: .summary)
        #expect(scored == all.filter { $0.quality != nil })
        #expect(scored.map(\.quality) == results.filter { $0.quality != nil }.map(\.quality))
        #expect(scored.count == Array(stride(from: 1, to: results.count, by: 7)).count && scored.count >= 4)
        let other = try Self.storeRandomRun(store, results: RandomResults.results(seed: 16, scenarios: 5, maxRepeats: 1))
        var none: [ScenarioResult] = []
        try store.forEachScoredResult(runs: [other]) { none.append($0) }
        #expect(none.isEmpty)
    }
}
