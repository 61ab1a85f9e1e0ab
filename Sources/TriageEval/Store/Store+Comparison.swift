import Foundation
import TriageEngine

extension Store {
    /// A stored run's results (summary detail) and calls, ready to compare.
    public func comparisonInput(run id: Int64, name: String? = nil) throws -> Comparison.Input? {
        guard let run = try run(id) else { return nil }
        return Comparison.Input(run: run, results: try results(run: id, detail: .summary), calls: try calls(run: id), name: name)
    }

    /// For each suite a run compared against a baseline (see ``RunGates/baselines``), the comparison.
    public func baselineComparisons(for run: StoredRun, results: [ScenarioResult], calls: [CallRecord]) throws -> [String: Comparison] {
        var comparisons: [String: Comparison] = [:]
        let candidate = Comparison.Input(run: run, results: results, calls: calls, name: "#\(run.id)")
        for (suite, baselineID) in run.gates.baselines {
            guard let baseline = try comparisonInput(run: baselineID, name: "baseline #\(baselineID)") else { continue }
            let alpha = run.gates.suites[suite]?.noRegressionAlpha ?? run.gates.run.noRegressionAlpha ?? 0.05
            comparisons[suite] = Comparison.build(a: baseline, b: candidate, alpha: alpha, suite: suite)
        }
        return comparisons
    }

    /// Adds `copies` copies of a run's results as further repeats (for benchmarks), in SQL.
    public func duplicateResults(run id: Int64, copies: Int) throws {
        guard copies > 0 else { return }
        try writer.write { db in
            let columns = try db.columns(in: "result").map(\.name)
            let select = columns.map { column -> String in
                switch column {
                case "repeat_index": return "r.repeat_index + k.n"
                case "ordinal": return "r.ordinal"
                default: return "r." + column
                }
            }.joined(separator: ", ")
            try db.execute(sql: """
                WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < ?)
                INSERT INTO result (\(columns.joined(separator: ", "))) SELECT \(select) FROM result r, k WHERE r.run_id = ? AND r.repeat_index = 0
                """, arguments: [copies, id])
        }
        // Move the bulk insert out of the write-ahead log, as SQLite's automatic checkpoints would over time.
        try writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
    }

    /// The report of a stored run, with its gates (regression gates compared with the baselines recorded at run time).
    public func report(run id: Int64) throws -> RunReport? {
        guard let run = try run(id) else { return nil }
        let results = try results(run: id, detail: .summary)
        let calls = try calls(run: id)
        return RunReport.build(run: run, results: results, calls: calls, comparisons: try baselineComparisons(for: run, results: results, calls: calls))
    }
}
