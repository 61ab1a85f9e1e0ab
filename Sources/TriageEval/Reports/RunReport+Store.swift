import Foundation

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

    /// The report of the run a reference names (a group's shards merged into one run, in memory); nil when the
    /// store has no such run.
    public static func build(_ reference: RunReference, store: any RunStore, lines: Lines = .all) throws -> RunReport? {
        if case .group = reference {
            guard let input = try Comparison.Input.load(reference, from: store) else { return nil }
            return try build(input: input, store: store)
        }
        guard let id = try reference.resolve(in: store) else { return nil }
        return try build(run: id, store: store, lines: lines)
    }

    /// The report of a stored run: figures from the store's aggregates, lines read one at a time from a cursor.
    static func build(run: StoredRun, store: any RunStore, lines: Lines) throws -> RunReport {
        let aggregates = try store.aggregates(runs: [run.id])
        let calls = try store.calls(run: run.id)
        // Gates (and the baseline comparisons of no_regression gates) judge results one by one: a gated run loads
        // those of its gated suites (all of them when the command line set gates for the whole run).
        let gatedSuites = run.gates.suites.filter { !$0.value.isEmpty }.keys.sorted()
        let gated = !gatedSuites.isEmpty || !run.gates.run.isEmpty
        let judged: [String]? = run.gates.run.isEmpty ? gatedSuites : nil
        var results: [ScenarioResult] = []
        var kept: [Result] = []
        // Conversation quality is summarised from the results that were scored (few, and small once loaded).
        var scored: [ScenarioResult] = []
        if lines == .all {
            try store.forEachResult(runs: [run.id], suites: nil, failuresOnly: false) { result in
                if gated && (judged?.contains(result.suite) ?? true) { results.append(result) }
                if result.quality != nil { scored.append(result) }
                kept.append(line(result))
            }
        } else {
            if gated { try store.forEachResult(runs: [run.id], suites: judged, failuresOnly: false) { results.append($0) } }
            // Only the scored results are read for the quality summary (few; none in most runs).
            try store.forEachScoredResult(runs: [run.id]) { scored.append($0) }
            if lines == .failures { try store.forEachResult(runs: [run.id], suites: nil, failuresOnly: true) { kept.append(line($0)) } }
        }
        var report = build(run: run, aggregates: aggregates, lines: kept, calls: calls)
        report.quality = RunQuality.summarize(scored)
        if gated {
            report.gates = GateEvaluator.evaluate(gates: run.gates, results: results, report: report,
                                                  comparisons: try Comparison.baselineComparisons(for: run, results: results, calls: calls, store: store))
        }
        return report
    }
}
