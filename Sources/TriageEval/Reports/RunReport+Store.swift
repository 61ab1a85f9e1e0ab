import Foundation
import TriageEngine

extension RunReport {
    /// Which per-scenario lines a report built from the store carries (its figures are the same either way).
    public enum Lines: Sendable {
        /// Every scenario run (JSON, JUnit, CSV).
        case all
        /// Those that did not pass (all text, Markdown and HTML show).
        case failures
        /// None (the JSON stream writes them from a cursor).
        case omitted
    }

    /// The report of a stored run with its gates (regression gates compared with the baselines recorded at run
    /// time); nil when there is no such run. The figures are aggregated by the store (``RunStore/aggregates(runs:)``).
    public static func build(run id: Int64, store: any RunStore, lines: Lines = .all) throws -> RunReport? {
        guard let run = try store.run(id) else { return nil }
        return try build(run: run, store: store, lines: lines)
    }

    /// The report of a loaded run (or merged group) with its gates, regression gates against the baselines recorded at run time.
    public static func build(input: Comparison.Input, store: any RunStore) throws -> RunReport {
        build(run: input.run, results: input.results, calls: input.calls,
              comparisons: try Comparison.baselineComparisons(for: input.run, results: input.results, calls: input.calls, store: store))
    }

    /// The report of the run a reference names (a group's shards taken as one run, aggregated by the store as
    /// a single run is); nil when the store has no such run.
    /// - Throws: ``GroupError`` when a group's shards cannot be merged.
    public static func build(_ reference: RunReference, store: any RunStore, lines: Lines = .all) throws -> RunReport? {
        if case .group(let name) = reference {
            guard let group = try RunGroup.load(name, from: store) else { return nil }
            return try build(run: group.run, runs: group.runIDs, store: store, lines: lines)
        }
        guard let id = try reference.resolve(in: store) else { return nil }
        return try build(run: id, store: store, lines: lines)
    }

    /// The report of a stored run: figures and gates from the store's aggregates (``GateTally``), lines read one
    /// at a time from a cursor.
    static func build(run: StoredRun, store: any RunStore, lines: Lines) throws -> RunReport {
        try build(run: run, runs: [run.id], store: store, lines: lines)
    }

    /// The report of `run` over the stored results of `runs` (the run itself, or a group's shards as one run).
    public static func build(run: StoredRun, runs: [Int64], store: any RunStore, lines: Lines) throws -> RunReport {
        // The grouped pass, the longest read, goes on while this thread reads the calls and the lines: both
        // backends read concurrently (SQLite's pool of readers, PostgreSQL's pool of connections).
        let pendingAggregates = BackgroundValue<RunAggregates, any Error>(threadName: "triage-eval-store-read") { try store.aggregates(runs: runs) }
        let gated = run.gates.suites.contains { !$0.value.isEmpty } || !run.gates.run.isEmpty
        // Only no_regression gates pair results one by one (with the baselines recorded at run time): the
        // results of the suites compared with a baseline are loaded, no others.
        let compared = gated ? run.gates.baselines.keys.sorted() : []
        var calls: [CallRecord] = []
        var results: [ScenarioResult] = []
        var kept: [Result] = []
        // Conversation quality is summarised from the results that were scored (few, and small once loaded).
        var scored: [ScenarioResult] = []
        do {
            calls = try runs == [run.id] ? store.calls(run: run.id) : store.calls(runs: runs)
            if lines == .all {
                try store.forEachResult(runs: runs, suites: nil, failuresOnly: false) { result in
                    if compared.contains(result.suite) { results.append(result) }
                    if result.quality != nil { scored.append(result) }
                    kept.append(line(result))
                }
            } else {
                if !compared.isEmpty { try store.forEachResult(runs: runs, suites: compared, failuresOnly: false) { results.append($0) } }
                // Only the scored results are read for the quality summary (few; none in most runs).
                try store.forEachScoredResult(runs: runs) { scored.append($0) }
                if lines == .failures { try store.forEachResult(runs: runs, suites: nil, failuresOnly: true) { kept.append(line($0)) } }
            }
        } catch {
            // No read outlives the call.
            _ = try? pendingAggregates.get()
            throw error
        }
        let aggregates = try pendingAggregates.get()
        var report = build(run: run, aggregates: aggregates, lines: kept, calls: calls)
        report.quality = RunQuality.summarize(scored)
        if gated {
            let categories = report.run.engine.categories
            let comparisons = try Comparison.baselineComparisons(for: run, results: results, calls: calls, store: store)
            report.gates = try GateEvaluator.evaluate(gates: run.gates, report: report, comparisons: comparisons) { set, suite in
                let tally = try GateTally.load(set, suite: suite, runs: runs, aggregates: aggregates, scored: scored, store: store)
                return GateEvaluator.evaluate(set, scope: suite ?? "run", tally: tally, categories: categories)
            }
        }
        return report
    }
}
