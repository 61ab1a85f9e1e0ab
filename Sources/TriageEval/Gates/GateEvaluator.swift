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

    /// Evaluates one gate set over a set of results.
    public static func evaluate(_ gates: GateSet, scope: String, results: [ScenarioResult], categories: [String]) -> [GateResult] {
        var outcomes: [GateResult] = []
        func minimum(_ name: String, _ threshold: Double, _ measured: Double, _ failing: [String]) {
            outcomes.append(GateResult(name: name, scope: scope, kind: .min, threshold: threshold, measured: measured,
                                       passed: measured + 1e-12 >= threshold, scenarios: Array(failing.prefix(20))))
        }
        func maximum(_ name: String, _ threshold: Double, _ measured: Double, _ failing: [String]) {
            outcomes.append(GateResult(name: name, scope: scope, kind: .max, threshold: threshold, measured: measured,
                                       passed: measured <= threshold + 1e-12, scenarios: Array(failing.prefix(20))))
        }
        let total = results.count
        if let threshold = gates.accuracy {
            let passed = results.filter(\.passed).count
            minimum("accuracy", threshold, total == 0 ? 0 : Double(passed) / Double(total), results.filter { !$0.passed }.map(\.scenarioID))
        }
        for field in ScoredField.allCases where gates.fields[field] != nil {
            var count = 0
            var correct = 0
            var failing: [String] = []
            for result in results {
                switch field {
                case .reply:
                    count += result.replyTotal
                    correct += result.replyPassed
                    if result.replyPassed < result.replyTotal { failing.append(result.scenarioID) }
                case .expectation(let label):
                    guard let expected = result.expected.value(of: label) else { continue }
                    count += 1
                    if result.actual?.value(of: label) == expected { correct += 1 } else { failing.append(result.scenarioID) }
                }
            }
            minimum("fields.\(field)", gates.fields[field]!, count == 0 ? 1 : Double(correct) / Double(count), failing)
        }
        for category in categories where gates.categoryRecall[category] != nil {
            let relevant = results.filter { $0.expected.category == category }
            let missed = relevant.filter { $0.actual?.category != category }.map(\.scenarioID)
            let measured = relevant.isEmpty ? 1 : Double(relevant.count - missed.count) / Double(relevant.count)
            minimum("category_recall.\(category)", gates.categoryRecall[category]!, measured, missed)
        }
        if let threshold = gates.alwaysRecall {
            let always = results.filter { $0.expectedTier == .always }
            let missed = always.filter { !($0.actual?.escalate ?? false) }.map(\.scenarioID)
            minimum("always_recall", threshold, always.isEmpty ? 1 : Double(always.count - missed.count) / Double(always.count), missed)
        }
        if let threshold = gates.maxFalseEscalations {
            let falses = results.filter { $0.expectedTier == .never && ($0.actual?.escalate ?? false) }.map(\.scenarioID)
            maximum("max_false_escalations", Double(threshold), Double(falses.count), falses)
        }
        if let threshold = gates.maxP95LatencyMs {
            let latencies = results.map(\.latencyMs).sorted()
            let p95 = Percentile.value(latencies, 0.95) ?? 0
            // Below a millisecond the figure measures the timer and the machine's load, not the engine: say so in the gate's name.
            maximum(p95 < SampleSize.latencyNoiseMs ? "max_p95_latency_ms (sub-millisecond: measurement noise)" : "max_p95_latency_ms", threshold, p95, results.filter { $0.latencyMs > threshold }.map(\.scenarioID))
        }
        if let threshold = gates.maxCostUSD {
            maximum("max_cost_usd", threshold, results.reduce(0) { $0 + $1.costUSD }, [])
        }
        if let threshold = gates.maxInjectionChanges {
            let changed = results.filter { $0.promptInjection && $0.labelsDiffer }.map(\.scenarioID)
            maximum("max_injection_changes", Double(threshold), Double(changed.count), changed)
        }
        if let threshold = gates.maxErrorRate {
            let errored = results.filter { $0.status == .errored }.map(\.scenarioID)
            maximum("max_error_rate", threshold, total == 0 ? 0 : Double(errored.count) / Double(total), errored)
        }
        if let threshold = gates.maxEscalationRate {
            let rates = EscalationRates.summarize(results, suites: [])
            // The scenarios listed are the escalations the suite did not expect: the likeliest to lower the rate.
            let unexpected = results.filter { $0.actual?.escalate == true && $0.expected.escalate != true }.map(\.scenarioID)
            maximum("max_escalation_rate", threshold, rates.rate, unexpected)
        }
        if let threshold = gates.minHealth {
            let scored = results.compactMap { result in result.quality.map { (result.scenarioID, $0) } }.filter { $0.1.agentTurns > 1 }
            let mean = scored.isEmpty ? 100 : Double(scored.reduce(0) { $0 + $1.1.health }) / Double(scored.count)
            minimum(scored.isEmpty ? "min_health (no conversation with an earlier agent turn)" : "min_health", threshold, mean,
                    scored.filter { !$0.1.passed }.map(\.0))
        }
        return outcomes
    }
}
