import Foundation
import TriageEngine

extension RunReport {
    /// Computes the report of a stored run from its results in memory (aggregated as the store would in SQL).
    public static func build(run: StoredRun, results: [ScenarioResult], calls: [CallRecord] = [], comparisons: [String: Comparison] = [:]) -> RunReport {
        var report = build(run: run, aggregates: RunAggregates(results: results), lines: results.map(line), calls: calls)
        report.quality = RunQuality.summarize(results)
        report.gates = GateEvaluator.evaluate(gates: run.gates, results: results, report: report, comparisons: comparisons)
        return report
    }
}
