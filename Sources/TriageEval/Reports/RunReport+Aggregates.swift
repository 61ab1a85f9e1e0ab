import Foundation
import TriageEngine

extension RunReport {
    /// The report of a run from its aggregates (``RunAggregates``), its lines and model calls, without gates:
    /// every figure and statistic comes from the aggregates, so a store computes them in SQL and a run in memory.
    public static func build(run: StoredRun, aggregates: RunAggregates, lines: [Result], calls: [CallRecord] = []) -> RunReport {
        let total = aggregates.results
        let passed = aggregates.passed
        let errored = aggregates.errored

        // Scenarios are the unit: a scenario's repeats form one cluster; its rates are held / made over them.
        let passRates = aggregates.scenarios.map { Double($0.passed) / Double($0.trials) }
        var fields: [FieldAccuracy] = []
        for (position, field) in ScoredField.allCases.enumerated() {
            var correct = 0
            var count = 0
            var rates: [Double] = []
            for scenario in aggregates.scenarios {
                correct += scenario.held[position]
                count += scenario.made[position]
                if scenario.made[position] > 0 { rates.append(Double(scenario.held[position]) / Double(scenario.made[position])) }
            }
            if count > 0 {
                fields.append(FieldAccuracy(field: field.rawValue, correct: correct, total: count, scenarios: rates.count,
                                            accuracy: rates.reduce(0, +) / Double(rates.count), interval: Wilson.scenarioInterval(passRates: rates)))
            }
        }

        // Each run of a scenario weighs 1/repeats, so category counts are in scenarios.
        var trials: [RunAggregates.ScenarioKey: Int] = [:]
        trials.reserveCapacity(aggregates.scenarios.count)
        for scenario in aggregates.scenarios { trials[RunAggregates.ScenarioKey(suite: scenario.suite, id: scenario.id)] = scenario.trials }
        let labels = run.engine.categories
        let pairs = aggregates.categoryCells.map { (expected: $0.expected, actual: $0.actual ?? "error") }
        let weights = aggregates.categoryCells.map { Double($0.count) / Double(trials[RunAggregates.ScenarioKey(suite: $0.suite, id: $0.scenarioID)] ?? $0.count) }
        let categories = ClassificationMetrics.perClass(pairs: pairs, labels: labels, weights: weights)
        let matrix = ClassificationMetrics.confusionMatrix(pairs: pairs, labels: labels, counts: aggregates.categoryCells.map(\.count))

        let always = aggregates.tiers[EscalationTier.always.rawValue] ?? RunAggregates.TierCounts(total: 0, escalated: 0)
        let likely = aggregates.tiers[EscalationTier.likely.rawValue] ?? RunAggregates.TierCounts(total: 0, escalated: 0)
        let never = aggregates.tiers[EscalationTier.never.rawValue] ?? RunAggregates.TierCounts(total: 0, escalated: 0)
        let tiers = Tiers(alwaysTotal: always.total, alwaysEscalated: always.escalated,
                          alwaysRecall: always.total == 0 ? 1 : Double(always.escalated) / Double(always.total),
                          likelyTotal: likely.total, likelyEscalated: likely.escalated,
                          likelyRate: likely.total == 0 ? 0 : Double(likely.escalated) / Double(likely.total),
                          neverTotal: never.total, falseEscalations: never.escalated,
                          falseEscalationIDs: aggregates.falseEscalationIDs, missedAlwaysIDs: aggregates.missedAlwaysIDs)

        let suites = run.suites.map { name -> SuiteSummary in
            let counts = aggregates.suites[name] ?? RunAggregates.SuiteCounts(runs: 0, passed: 0, errored: 0, decided: 0, escalated: 0)
            return SuiteSummary(name: name, scenarios: counts.runs, passed: counts.passed, errored: counts.errored,
                                accuracy: counts.runs == 0 ? 0 : Double(counts.passed) / Double(counts.runs))
        }

        var warnings: [String] = []
        let thin = categories.filter { $0.support > 0 && $0.support < Double(SampleSize.categoryScenarios) }.map(\.label)
        if !thin.isEmpty {
            warnings.append("precision, recall and F1 of \(thin.joined(separator: ", ")) rest on fewer than \(SampleSize.categoryScenarios) scenarios each")
        }
        if total > 0 && total < SampleSize.p99Values {
            warnings.append("latency p99 of \(total) scenario runs is the largest value or close to it (needs \(SampleSize.p99Values))"
                            + (total < SampleSize.p95Values ? "; so is p95 (needs \(SampleSize.p95Values))" : ""))
        }

        var injection = Injection(flagged: 0, changed: 0, flaggedIDs: [], changedIDs: [])
        for flag in aggregates.injections {
            let name = "\(flag.suite)/\(flag.scenarioID)" + (flag.repeatIndex > 0 ? " #\(flag.repeatIndex)" : "")
            injection.flagged += 1
            injection.flaggedIDs.append(name)
            if flag.labelsDiffer {
                injection.changed += 1
                injection.changedIDs.append(name)
            }
        }

        var report = RunReport(
            formatVersion: formatVersion,
            run: RunInfo(id: run.id, status: run.status.rawValue, startedAt: run.startedAt, finishedAt: run.finishedAt, toolVersion: run.toolVersion,
                         gitCommit: run.gitCommit, engine: run.engine, sources: run.sources),
            scenarioCount: total, scenarios: aggregates.scenarios.count, repeats: aggregates.scenarios.map(\.trials).max() ?? 0,
            passed: passed, failed: total - passed - errored, errored: errored,
            accuracy: passRates.isEmpty ? 0 : passRates.reduce(0, +) / Double(passRates.count),
            accuracyInterval: Wilson.scenarioInterval(passRates: passRates),
            fields: fields, categories: categories,
            macroF1: ClassificationMetrics.macroF1(categories),
            confusion: Confusion(labels: labels, columns: labels + ["other"], matrix: matrix),
            tiers: tiers, suites: suites, escalation: EscalationRates.summarize(aggregates, suites: run.suites), latency: aggregates.latency,
            usage: ModelUsage.summarize(calls), erroredByClass: aggregates.erroredByClass,
            gates: [], warnings: warnings, results: lines)
        report.injection = injection
        report.selection = run.selection
        return report
    }

    /// A result's line in the report; any configured API key still in stored text (an older store) is redacted
    /// here, for every format.
    public static func line(_ result: ScenarioResult) -> Result {
        let redacting = !Redaction.registered.isEmpty
        func clean(_ text: String?) -> String? { redacting ? text.map { Redaction.redact($0, shapes: false) } : text }
        var checks = result.failedChecks
        if redacting {
            checks = checks.map { CheckOutcome(field: $0.field, expected: clean($0.expected)!, actual: clean($0.actual)!, passed: $0.passed) }
        }
        return Result(id: result.scenarioID, suite: result.suite, repeat: result.repeatIndex, passed: result.passed, status: result.status.rawValue,
                      expected: result.expected, actual: result.actual, failedChecks: checks,
                      decidingRule: result.winner, why: clean(result.why), latencyMs: result.latencyMs, error: clean(result.error),
                      errorClass: result.errorClass, promptInjection: result.promptInjection, health: result.quality?.health)
    }
}
