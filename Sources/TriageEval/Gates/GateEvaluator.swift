import TriageEngine

/// Checks a run's gates: each suite's gates on that suite's results, the command line's on the whole run.
public enum GateEvaluator {
    /// Evaluates all gates; `comparisons` holds, per suite, the comparison with its baseline (for `no_regression`).
    public static func evaluate(gates: RunGates, results: [ScenarioResult], report: RunReport, comparisons: [String: Comparison] = [:]) -> [GateResult] {
        evaluate(gates: gates, report: report, comparisons: comparisons) { set, suite in
            evaluate(set, scope: suite ?? "run", results: suite.map { name in results.filter { $0.suite == name } } ?? results,
                     categories: report.run.engine.categories)
        }
    }

    /// Evaluates all gates, each gate set judged by `judge` over its suite's results (nil: the command line's
    /// gates over the whole run), then the no_regression gates from `comparisons`.
    static func evaluate(gates: RunGates, report: RunReport, comparisons: [String: Comparison],
                         judge: (GateSet, String?) throws -> [GateResult]) rethrows -> [GateResult] {
        var outcomes: [GateResult] = []
        // no_regression gates of several suites are one family of tests: their p-values are Holm-adjusted together below.
        var regressionGates: [(position: Int, scope: String, alpha: Double)] = []
        for name in gates.suites.keys.sorted() {
            guard let set = gates.suites[name], !set.isEmpty else { continue }
            outcomes += try judge(set, name)
            if let alpha = set.noRegressionAlpha {
                regressionGates.append((outcomes.count, name, alpha))
                outcomes.append(regression(scope: name, alpha: alpha, comparison: comparisons[name]))
            }
        }
        if !gates.run.isEmpty {
            outcomes += try judge(gates.run, nil)
            if let alpha = gates.run.noRegressionAlpha {
                for suite in report.suites.map(\.name) where gates.suites[suite]?.noRegressionAlpha == nil {
                    regressionGates.append((outcomes.count, suite, alpha))
                    outcomes.append(regression(scope: suite, alpha: alpha, comparison: comparisons[suite]))
                }
            }
        }
        let tested = regressionGates.filter { comparisons[$0.scope]?.fields.first?.field == "verdict" }
        if tested.count > 1 {
            let adjusted = Holm.adjust(tested.map { comparisons[$0.scope]!.fields[0].mcnemar.pValue })
            for (gate, p) in zip(tested, adjusted) {
                outcomes[gate.position] = regression(scope: gate.scope, alpha: gate.alpha, comparison: comparisons[gate.scope], adjusted: p, family: tested.count)
            }
        }
        return outcomes
    }

    /// Fails only when the run is significantly worse than the baseline: more regressions than improvements and
    /// McNemar's score-test p (Holm-adjusted over the `family` of suites' no_regression gates when there are several)
    /// below alpha; the measured value is that p. Without a baseline the gate passes and says so.
    static func regression(scope: String, alpha: Double, comparison: Comparison?, adjusted: Double? = nil, family: Int = 1) -> GateResult {
        guard let comparison, let verdict = comparison.fields.first(where: { $0.field == "verdict" }) else {
            return GateResult(name: "no_regression (no baseline)", scope: scope, kind: .min, threshold: alpha, measured: 1, passed: true, scenarios: [])
        }
        let p = adjusted ?? verdict.mcnemar.pValue
        let worse = verdict.mcnemar.b > verdict.mcnemar.c && p < alpha
        let name = family > 1 ? "no_regression vs #\(comparison.runA.id) (p, Holm over \(family) suites)" : "no_regression vs #\(comparison.runA.id) (p)"
        return GateResult(name: name, scope: scope, kind: .min, threshold: alpha, measured: p, passed: !worse,
                          scenarios: Array(comparison.flips.filter { $0.direction == .regression }.map(\.id).prefix(20)))
    }

    /// Evaluates one gate set over a set of results: their tally (``GateTally/init(results:gates:)``) judged as
    /// a store's is, so gates over results in memory and over stored aggregates are one piece of code.
    public static func evaluate(_ gates: GateSet, scope: String, results: [ScenarioResult], categories: [String]) -> [GateResult] {
        evaluate(gates, scope: scope, tally: GateTally(results: results, gates: gates), categories: categories)
    }
}
