// The report build as it was before aggregation moved into RunAggregates (and the store's SQL), kept verbatim
// as the reference the new build must match byte for byte (RunReportAggregationTests).
import Foundation
import TriageEngine
@testable import TriageEval

enum LegacyRunReport {
    /// The report as the pre-aggregates code computed it.
    static func build(run: StoredRun, results: [ScenarioResult], calls: [CallRecord] = [], comparisons: [String: Comparison] = [:]) -> RunReport {
        let passed = results.filter { $0.status == .passed }.count
        let errored = results.filter { $0.status == .errored }.count
        let total = results.count

        // Scenarios are the unit: repeats of one scenario (same suite and id) form one cluster, in first-seen order.
        var clusterIndex: [String: Int] = [:]
        var clusterOf = [Int](repeating: 0, count: total)
        for (index, result) in results.enumerated() {
            let key = result.suite + "/" + result.scenarioID
            if clusterIndex[key] == nil { clusterIndex[key] = clusterIndex.count }
            clusterOf[index] = clusterIndex[key]!
        }
        let scenarioCount = clusterIndex.count
        var trialsPerScenario = [Int](repeating: 0, count: scenarioCount)
        for cluster in clusterOf { trialsPerScenario[cluster] += 1 }
        /// Per-scenario rates of a check: (held, made) summed over each scenario's repeats; scenarios without the check drop out.
        func scenarioRates(_ counts: (ScenarioResult) -> (held: Int, made: Int)?) -> [Double] {
            var held = [Int](repeating: 0, count: scenarioCount)
            var made = [Int](repeating: 0, count: scenarioCount)
            for (index, result) in results.enumerated() {
                guard let count = counts(result) else { continue }
                held[clusterOf[index]] += count.held
                made[clusterOf[index]] += count.made
            }
            return zip(held, made).compactMap { $1 > 0 ? Double($0) / Double($1) : nil }
        }
        let passRates = scenarioRates { ($0.status == .passed ? 1 : 0, 1) }

        var fields: [RunReport.FieldAccuracy] = []
        for field in ScoredField.allCases {
            var correct = 0
            var count = 0
            for result in results {
                switch field {
                case .reply:
                    count += result.replyTotal
                    correct += result.replyPassed
                case .expectation(let label):
                    guard let expected = result.expected.value(of: label) else { continue }
                    // An errored scenario fails every field it expected.
                    count += 1
                    if let actual = result.actual?.value(of: label), actual == expected { correct += 1 }
                }
            }
            if count > 0 {
                let rates = scenarioRates { result in
                    switch field {
                    case .reply: return result.replyTotal > 0 ? (result.replyPassed, result.replyTotal) : nil
                    case .expectation(let label):
                        guard let expected = result.expected.value(of: label) else { return nil }
                        return (result.actual?.value(of: label) == expected ? 1 : 0, 1)
                    }
                }
                fields.append(RunReport.FieldAccuracy(field: field.rawValue, correct: correct, total: count, scenarios: rates.count,
                                            accuracy: rates.reduce(0, +) / Double(rates.count), interval: Wilson.scenarioInterval(passRates: rates)))
            }
        }

        let labels = run.engine.categories
        var pairs: [(expected: String, actual: String)] = []
        var weights: [Double] = []
        for (index, result) in results.enumerated() {
            guard let expected = result.expected.category else { continue }
            pairs.append((expected, result.actual?.category ?? "error"))
            weights.append(1 / Double(trialsPerScenario[clusterOf[index]]))
        }
        let categories = ClassificationMetrics.perClass(pairs: pairs, labels: labels, weights: weights)
        let matrix = ClassificationMetrics.confusionMatrix(pairs: pairs, labels: labels)

        var tiers = RunReport.Tiers(alwaysTotal: 0, alwaysEscalated: 0, alwaysRecall: 1, likelyTotal: 0, likelyEscalated: 0, likelyRate: 0,
                          neverTotal: 0, falseEscalations: 0, falseEscalationIDs: [], missedAlwaysIDs: [])
        for result in results {
            let escalated = result.actual?.escalate ?? false
            switch result.expectedTier {
            case .always?:
                tiers.alwaysTotal += 1
                if escalated { tiers.alwaysEscalated += 1 } else { tiers.missedAlwaysIDs.append(result.scenarioID) }
            case .likely?:
                tiers.likelyTotal += 1
                if escalated { tiers.likelyEscalated += 1 }
            case .never?:
                tiers.neverTotal += 1
                if escalated { tiers.falseEscalations += 1; tiers.falseEscalationIDs.append(result.scenarioID) }
            case nil: break
            }
        }
        tiers.alwaysRecall = tiers.alwaysTotal == 0 ? 1 : Double(tiers.alwaysEscalated) / Double(tiers.alwaysTotal)
        tiers.likelyRate = tiers.likelyTotal == 0 ? 0 : Double(tiers.likelyEscalated) / Double(tiers.likelyTotal)

        // One pass over the results (a filter per suite copies every result once per suite).
        var perSuite: [String: (runs: Int, passed: Int, errored: Int)] = [:]
        for result in results {
            var counts = perSuite[result.suite] ?? (0, 0, 0)
            counts.runs += 1
            if result.status == .passed { counts.passed += 1 }
            if result.status == .errored { counts.errored += 1 }
            perSuite[result.suite] = counts
        }
        let suites = run.suites.map { name -> RunReport.SuiteSummary in
            let counts = perSuite[name] ?? (0, 0, 0)
            return RunReport.SuiteSummary(name: name, scenarios: counts.runs, passed: counts.passed, errored: counts.errored,
                                accuracy: counts.runs == 0 ? 0 : Double(counts.passed) / Double(counts.runs))
        }

        let latencies = results.map(\.latencyMs).sorted()
        var warnings: [String] = []
        let thin = categories.filter { $0.support > 0 && $0.support < Double(SampleSize.categoryScenarios) }.map(\.label)
        if !thin.isEmpty {
            warnings.append("precision, recall and F1 of \(thin.joined(separator: ", ")) rest on fewer than \(SampleSize.categoryScenarios) scenarios each")
        }
        if !latencies.isEmpty && latencies.count < SampleSize.p99Values {
            warnings.append("latency p99 of \(latencies.count) scenario runs is the largest value or close to it (needs \(SampleSize.p99Values))"
                            + (latencies.count < SampleSize.p95Values ? "; so is p95 (needs \(SampleSize.p95Values))" : ""))
        }
        let latency = LatencySummary(p50: Percentile.value(latencies, 0.5) ?? 0, p95: Percentile.value(latencies, 0.95) ?? 0,
                                     p99: Percentile.value(latencies, 0.99) ?? 0,
                                     mean: latencies.isEmpty ? 0 : latencies.reduce(0, +) / Double(latencies.count))

        // Any configured API key still in stored text (an older store) is redacted once here, for every format.
        let redacting = !Redaction.registered.isEmpty
        func clean(_ text: String?) -> String? { redacting ? text.map { Redaction.redact($0, shapes: false) } : text }
        var injection = RunReport.Injection(flagged: 0, changed: 0, flaggedIDs: [], changedIDs: [])
        let lines = results.map { result in
            if result.promptInjection {
                let name = "\(result.suite)/\(result.scenarioID)" + (result.repeatIndex > 0 ? " #\(result.repeatIndex)" : "")
                injection.flagged += 1
                injection.flaggedIDs.append(name)
                if result.labelsDiffer {
                    injection.changed += 1
                    injection.changedIDs.append(name)
                }
            }
            var checks = result.failedChecks
            if redacting {
                checks = checks.map { CheckOutcome(field: $0.field, expected: clean($0.expected)!, actual: clean($0.actual)!, passed: $0.passed) }
            }
            return RunReport.Result(id: result.scenarioID, suite: result.suite, repeat: result.repeatIndex, passed: result.passed, status: result.status.rawValue,
                          expected: result.expected, actual: result.actual, failedChecks: checks,
                          decidingRule: result.winner, why: clean(result.why), latencyMs: result.latencyMs, error: clean(result.error),
                          errorClass: result.errorClass,
                          promptInjection: result.promptInjection)
        }

        var report = RunReport(
            formatVersion: RunReport.formatVersion,
            run: RunInfo(id: run.id, status: run.status.rawValue, startedAt: run.startedAt, finishedAt: run.finishedAt, toolVersion: run.toolVersion,
                         gitCommit: run.gitCommit, engine: run.engine, sources: run.sources),
            scenarioCount: total, scenarios: scenarioCount, repeats: trialsPerScenario.max() ?? 0,
            passed: passed, failed: total - passed - errored, errored: errored,
            accuracy: passRates.isEmpty ? 0 : passRates.reduce(0, +) / Double(passRates.count),
            accuracyInterval: Wilson.scenarioInterval(passRates: passRates),
            fields: fields, categories: categories,
            macroF1: ClassificationMetrics.macroF1(categories),
            confusion: RunReport.Confusion(labels: labels, columns: labels + ["other"], matrix: matrix),
            tiers: tiers, suites: suites, escalation: EscalationRates.summarize(results, suites: run.suites), latency: latency, usage: ModelUsage.summarize(calls),
            erroredByClass: results.reduce(into: [:]) { counts, result in if let errorClass = result.errorClass { counts[errorClass, default: 0] += 1 } },
            gates: [], warnings: warnings, results: lines)
        report.injection = injection
        report.gates = GateEvaluator.evaluate(gates: run.gates, results: results, report: report, comparisons: comparisons)
        return report
    }
}
