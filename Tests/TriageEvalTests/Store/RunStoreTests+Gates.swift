import Foundation
import Testing
import TriageEngine
@testable import TriageEval

/// Gates judged from the store's aggregates and from results in memory (both through ``GateTally``) against the
/// reference evaluator over the same results (``ReferenceGates``, one result at a time), on every backend: many seeded result sets and gate sets, every gate kind.
extension RunStoreTests {
    /// Random results with costs, scored conversations and tied latencies besides ``RandomResults``' variety.
    static func gateResults(seed: UInt64) -> [ScenarioResult] {
        var random = SplitMix64(seed: seed &+ 1_000)
        var results = RandomResults.results(seed: seed, scenarios: 20 + random.nextIndex(below: 120), maxRepeats: 1 + random.nextIndex(below: 4))
        let costs = [0, 0, 0.1, 0.2, 0.3, 1e-7, 0.0012345, 7.1]
        for index in results.indices {
            // Costs whose sum depends on the order they are added in (0.1 + 0.2 + 0.3 is not 0.3 + 0.2 + 0.1).
            results[index].storedCostUSD = costs[random.nextIndex(below: costs.count)]
            // Tied latencies make the p95's ranks fall among equal values.
            if random.nextIndex(below: 4) == 0 { results[index].latencyMs = 250 }
            if random.nextIndex(below: 6) == 0 {
                let findings = random.nextIndex(below: 2) == 0 ? [] : [QualityFinding(kind: .loop, earlier: .init(number: 2, text: "a"), later: .init(number: 4, text: "a"), reason: "repeats")]
                results[index].quality = ConversationQuality(id: results[index].scenarioID, source: "scenario", agentTurns: 1 + random.nextIndex(below: 3),
                                                             findings: findings, health: random.nextIndex(below: 101))
            }
        }
        return results
    }

    /// A gate set with each gate present at random, its threshold such that it sometimes holds and sometimes fails.
    static func randomGateSet(_ random: inout SplitMix64, categories: [String]) -> GateSet {
        func maybe() -> Bool { random.nextIndex(below: 2) == 0 }
        func share() -> Double { [0, 0.3, 0.5, 0.62, 0.8, 0.95, 1][random.nextIndex(below: 7)] }
        var gates = GateSet()
        if maybe() { gates.accuracy = share() }
        for field in ScoredField.allCases where maybe() { gates.fields[field] = share() }
        for category in categories where random.nextIndex(below: 3) == 0 { gates.categoryRecall[category] = share() }
        if maybe() { gates.alwaysRecall = share() }
        if maybe() { gates.maxFalseEscalations = random.nextIndex(below: 8) }
        if maybe() { gates.maxErrorRate = share() / 5 }
        if maybe() { gates.maxEscalationRate = share() }
        if maybe() { gates.maxP95LatencyMs = [0.5, 100, 120, 150, 1e30][random.nextIndex(below: 5)] }
        if maybe() { gates.maxCostUSD = Double(random.nextIndex(below: 60)) }
        if maybe() { gates.maxInjectionChanges = random.nextIndex(below: 6) }
        if maybe() { gates.minHealth = Double(random.nextIndex(below: 100)) }
        if random.nextIndex(below: 5) == 0 { gates.noRegressionAlpha = 0.05 }
        return gates
    }

    @Test(arguments: StoreBackend.allCases)
    func gatesFromTheAggregatesAreTheInMemoryGatesByteForByte(backend: StoreBackend) throws {
        let fixture = try backend.makeEmptyStore()
        defer { fixture.remove() }
        let store = fixture.store
        let categories = RandomResults.run().engine.categories
        var random = SplitMix64(seed: 77)
        var judged: [GateResult] = []
        for seed in UInt64(0)..<16 {
            let results = Self.gateResults(seed: seed)
            var suites: [String: GateSet] = [:]
            for suite in ["alpha", "beta", "gamma"] where random.nextIndex(below: 3) > 0 { suites[suite] = Self.randomGateSet(&random, categories: categories) }
            let run = random.nextIndex(below: 2) == 0 ? Self.randomGateSet(&random, categories: categories) : GateSet()
            let id = try Self.storeRandomRun(store, results: results, gates: RunGates(suites: suites, run: run))
            let stored = try store.results(run: id, detail: .summary)
            let report = try #require(try RunReport.build(run: id, store: store, lines: .failures))
            let reference = ReferenceGates.evaluate(gates: try #require(try store.run(id)).gates, results: stored, report: report)
            // Results in memory are tallied and judged as the store's are: the same gates as the reference.
            #expect(GateEvaluator.evaluate(gates: try #require(try store.run(id)).gates, results: stored, report: report) == reference, "seed \(seed)")
            #expect(report.gates == reference, "seed \(seed)")
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            #expect(try encoder.encode(report.gates) == encoder.encode(reference), "seed \(seed)")
            #expect(report.gates.map(\.summary) == reference.map(\.summary), "seed \(seed)")
            // Every line of a report that carries them all judges the same.
            #expect(try #require(try RunReport.build(run: id, store: store, lines: .all)).gates == reference, "seed \(seed)")
            // Each scope's tally by itself, every gate at once.
            let aggregates = try store.aggregates(runs: [id])
            var scored: [ScenarioResult] = []
            try store.forEachScoredResult(runs: [id]) { scored.append($0) }
            for suite in [nil, "alpha", "beta", "gamma", "absent"] as [String?] {
                var all = Self.randomGateSet(&random, categories: categories)
                all.accuracy = 0.9
                all.maxP95LatencyMs = 120
                all.maxCostUSD = 1
                all.noRegressionAlpha = nil
                let tally = try GateTally.load(all, suite: suite, runs: [id], aggregates: aggregates, scored: scored, store: store)
                let scope = suite.map { name in stored.filter { $0.suite == name } } ?? stored
                let expected = ReferenceGates.evaluate(all, scope: suite ?? "run", results: scope, categories: categories)
                #expect(GateEvaluator.evaluate(all, scope: suite ?? "run", results: scope, categories: categories) == expected, "seed \(seed) \(suite ?? "run")")
                #expect(GateEvaluator.evaluate(all, scope: suite ?? "run", tally: tally, categories: categories) == expected, "seed \(seed) \(suite ?? "run")")
                judged += expected
            }
            judged += reference
        }
        // The sets judged every kind of gate, both ways, with more failing scenarios than a gate lists.
        let kinds = Set(judged.map { $0.name.split(separator: " ")[0].split(separator: ".")[0] })
        #expect(kinds == ["accuracy", "fields", "category_recall", "always_recall", "max_false_escalations", "max_p95_latency_ms", "max_cost_usd",
                          "max_injection_changes", "max_error_rate", "max_escalation_rate", "min_health", "no_regression"])
        #expect(judged.contains { $0.passed } && judged.contains { !$0.passed })
        #expect(judged.contains { $0.scenarios.count == GateTally.listed })
        #expect(judged.contains { $0.name == "max_p95_latency_ms" && !$0.scenarios.isEmpty })
        #expect(judged.contains { $0.name == "min_health" && !$0.scenarios.isEmpty })
        #expect(judged.contains { $0.name.hasPrefix("max_cost_usd") && $0.measured != $0.measured.rounded() })
    }

    /// A group's shards (interleaved ordinals, as slices by hash give them) are reported from the store's
    /// aggregates as the in-memory merge reports them: figures, lines and gates, every format.
    @Test(arguments: StoreBackend.allCases)
    func aGroupReportedFromTheStoreIsTheInMemoryMergeByteForByte(backend: StoreBackend) throws {
        let fixture = try backend.makeEmptyStore()
        defer { fixture.remove() }
        let store = fixture.store
        let categories = RandomResults.run().engine.categories
        var random = SplitMix64(seed: 78)
        var failed = 0
        for seed in UInt64(20)..<26 {
            let results = Self.gateResults(seed: seed)
            var suites: [String: GateSet] = [:]
            for suite in ["alpha", "beta", "gamma"] where random.nextIndex(below: 3) > 0 { suites[suite] = Self.randomGateSet(&random, categories: categories) }
            let gates = RunGates(suites: suites, run: Self.randomGateSet(&random, categories: categories))
            for index in [2, 3, 1] {
                var run = RandomResults.run(gates: gates)
                run.shard = GroupShard(group: "g\(seed)", slice: ShardSlice(index: index, count: 3)!)
                let id = try store.startRun(run)
                try store.append(results.filter { $0.ordinal % 3 == index - 1 }, run: id)
                try store.finishRun(id, status: .completed, at: Self.date)
            }
            let input = try #require(try Comparison.Input.load(.group("g\(seed)"), from: store))
            #expect(input.results.count == results.count)
            let merged = try RunReport.build(input: input, store: store)
            let report = try #require(try RunReport.build(.group("g\(seed)"), store: store))
            #expect(report == merged, "seed \(seed)")
            #expect(try report.renderJSON() == merged.renderJSON(), "seed \(seed)")
            let failures = try #require(try RunReport.build(.group("g\(seed)"), store: store, lines: .failures))
            #expect(failures.renderText() == merged.renderText() && failures.renderMarkdown() == merged.renderMarkdown(), "seed \(seed)")
            failed += report.gates.filter { !$0.passed && !$0.scenarios.isEmpty }.count
        }
        #expect(failed > 5)
    }

    /// The store's readings: latencies at ranks, the slow scenarios in stored order, the cost added in stored order.
    @Test(arguments: StoreBackend.allCases)
    func gateReadingsReadRanksSlowScenariosAndCosts(backend: StoreBackend) throws {
        let fixture = try backend.makeEmptyStore()
        defer { fixture.remove() }
        let store = fixture.store
        let results = Self.gateResults(seed: 5)
        let id = try Self.storeRandomRun(store, results: results)
        let beta = results.filter { $0.suite == "beta" }
        let sorted = beta.map(\.latencyMs).sorted()
        let readings = try store.gateReadings(runs: [id], suite: "beta", latencyRanks: 3...4, slowerThan: 120, costs: true)
        #expect(readings.latencies == [sorted[3], sorted[4]])
        #expect(readings.slowIDs == Array(beta.filter { $0.latencyMs > 120 }.map(\.scenarioID).prefix(GateTally.listed)))
        #expect(readings.slowIDs.count == GateTally.listed)
        #expect(readings.costUSD == beta.reduce(0) { $0 + $1.costUSD })
        let whole = try store.gateReadings(runs: [id], suite: nil, latencyRanks: results.count - 1...results.count - 1, slowerThan: nil, costs: false)
        #expect(whole == GateReadings(latencies: [results.map(\.latencyMs).max()!]))
        #expect(try store.gateReadings(runs: [id], suite: "absent", latencyRanks: 0...1, slowerThan: 0, costs: true) == GateReadings())
        #expect(try store.gateReadings(runs: [], suite: nil, latencyRanks: 0...1, slowerThan: 0, costs: true) == GateReadings())
    }
}
