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

    /// The report of a stored run, with its gates (regression gates compared with the baselines recorded at run time).
    public func report(run id: Int64) throws -> RunReport? {
        guard let run = try run(id) else { return nil }
        let results = try results(run: id, detail: .summary)
        let calls = try calls(run: id)
        return RunReport.build(run: run, results: results, calls: calls, comparisons: try baselineComparisons(for: run, results: results, calls: calls))
    }
}
