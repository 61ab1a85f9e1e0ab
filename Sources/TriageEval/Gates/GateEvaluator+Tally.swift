extension GateEvaluator {
    /// Evaluates one gate set over a scope's tally (``GateTally``): the same gates, figures and listed scenarios,
    /// byte for byte, as ``evaluate(_:scope:results:categories:)`` over the results the tally counts.
    public static func evaluate(_ gates: GateSet, scope: String, tally: GateTally, categories: [String]) -> [GateResult] {
        var outcomes: [GateResult] = []
        func minimum(_ name: String, _ threshold: Double, _ measured: Double, _ failing: [String]) {
            outcomes.append(GateResult(name: name, scope: scope, kind: .min, threshold: threshold, measured: measured,
                                       passed: measured + 1e-12 >= threshold, scenarios: Array(failing.prefix(GateTally.listed))))
        }
        func maximum(_ name: String, _ threshold: Double, _ measured: Double, _ failing: [String]) {
            outcomes.append(GateResult(name: name, scope: scope, kind: .max, threshold: threshold, measured: measured,
                                       passed: measured <= threshold + 1e-12, scenarios: Array(failing.prefix(GateTally.listed))))
        }
        let total = tally.results
        if let threshold = gates.accuracy {
            minimum("accuracy", threshold, total == 0 ? 0 : Double(total - tally.notPassed.count) / Double(total), tally.notPassed.ids)
        }
        for (position, field) in ScoredField.allCases.enumerated() where gates.fields[field] != nil {
            let share = tally.fields[position]
            minimum("fields.\(field)", gates.fields[field]!, share.made == 0 ? 1 : Double(share.held) / Double(share.made), share.missed.ids)
        }
        for category in categories where gates.categoryRecall[category] != nil {
            let share = tally.categories[category] ?? GateTally.Share()
            let measured = share.made == 0 ? 1 : Double(share.made - share.missed.count) / Double(share.made)
            minimum("category_recall.\(category)", gates.categoryRecall[category]!, measured, share.missed.ids)
        }
        if let threshold = gates.alwaysRecall {
            let always = tally.always
            minimum("always_recall", threshold, always.made == 0 ? 1 : Double(always.made - always.missed.count) / Double(always.made), always.missed.ids)
        }
        if let threshold = gates.maxFalseEscalations {
            maximum("max_false_escalations", Double(threshold), Double(tally.falseEscalations.count), tally.falseEscalations.ids)
        }
        if let threshold = gates.maxP95LatencyMs {
            let p95 = tally.latencyP95
            maximum(p95 < SampleSize.latencyNoiseMs ? "max_p95_latency_ms (sub-millisecond: measurement noise)" : "max_p95_latency_ms", threshold, p95, tally.slow)
        }
        if let threshold = gates.maxCostUSD {
            maximum("max_cost_usd", threshold, tally.costUSD, [])
        }
        if let threshold = gates.maxInjectionChanges {
            maximum("max_injection_changes", Double(threshold), Double(tally.injectionChanges.count), tally.injectionChanges.ids)
        }
        if let threshold = gates.maxErrorRate {
            maximum("max_error_rate", threshold, total == 0 ? 0 : Double(tally.errored.count) / Double(total), tally.errored.ids)
        }
        if let threshold = gates.maxEscalationRate {
            maximum("max_escalation_rate", threshold, tally.decided == 0 ? 0 : Double(tally.escalated) / Double(tally.decided), tally.unexpectedEscalations.ids)
        }
        if let threshold = gates.minHealth {
            let scored = tally.health
            let mean = scored.isEmpty ? 100 : Double(scored.reduce(0) { $0 + $1.health }) / Double(scored.count)
            minimum(scored.isEmpty ? "min_health (no conversation with an earlier agent turn)" : "min_health", threshold, mean,
                    scored.filter { !$0.passed }.map(\.id))
        }
        return outcomes
    }
}
