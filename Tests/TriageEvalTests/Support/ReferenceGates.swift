import TriageEngine
@testable import TriageEval

/// The reference for gate tests: gates judged one result at a time, written independently of ``GateTally``.
enum ReferenceGates {
    /// The gates of one set over results, judged one result at a time: the evaluator as it was before gates
    /// were counted (``GateTally``), kept as the independent reference the store and in-memory paths must equal.
    static func evaluate(_ gates: GateSet, scope: String, results: [ScenarioResult], categories: [String]) -> [GateResult] {
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

    /// Every gate of a run, with each gate set judged by ``evaluate(_:scope:results:categories:)``.
    static func evaluate(gates: RunGates, results: [ScenarioResult], report: RunReport) -> [GateResult] {
        GateEvaluator.evaluate(gates: gates, report: report, comparisons: [:]) { set, suite in
            evaluate(set, scope: suite ?? "run", results: suite.map { name in results.filter { $0.suite == name } } ?? results,
                     categories: report.run.engine.categories)
        }
    }
}
