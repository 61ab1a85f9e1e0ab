import Foundation
import TriageEngine

extension RunReport {
    /// Computes the report of a stored run from its results.
    public static func build(run: StoredRun, results: [ScenarioResult], calls: [CallRecord] = [], comparisons: [String: Comparison] = [:]) -> RunReport {
        let passed = results.filter { $0.status == .passed }.count
        let errored = results.filter { $0.status == .errored }.count
        let total = results.count

        var fields: [FieldAccuracy] = []
        for field in Expectation.fields + ["reply"] {
            var correct = 0
            var count = 0
            for result in results {
                if field == "reply" {
                    count += result.replyTotal
                    correct += result.replyPassed
                    continue
                }
                guard let expected = result.expected.value(of: field) else { continue }
                // An errored scenario fails every field it expected.
                count += 1
                if let actual = result.actual?.value(of: field), actual == expected { correct += 1 }
            }
            if count > 0 {
                fields.append(FieldAccuracy(field: field, correct: correct, total: count, accuracy: Double(correct) / Double(count),
                                            interval: Wilson.interval(successes: correct, total: count)))
            }
        }

        let labels = run.engine.categories
        let pairs = results.compactMap { result -> (expected: String, actual: String)? in
            guard let expected = result.expected.category else { return nil }
            return (expected, result.actual?.category ?? "error")
        }
        let categories = ClassificationMetrics.perClass(pairs: pairs, labels: labels)
        let matrix = ClassificationMetrics.confusionMatrix(pairs: pairs, labels: labels)
        let supported = categories.filter { $0.support > 0 }

        var tiers = Tiers(alwaysTotal: 0, alwaysEscalated: 0, alwaysRecall: 1, likelyTotal: 0, likelyEscalated: 0, likelyRate: 0,
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
        let suites = run.suites.map { name -> SuiteSummary in
            let counts = perSuite[name] ?? (0, 0, 0)
            return SuiteSummary(name: name, scenarios: counts.runs, passed: counts.passed, errored: counts.errored,
                                accuracy: counts.runs == 0 ? 0 : Double(counts.passed) / Double(counts.runs))
        }

        let latencies = results.map(\.latencyMs).sorted()
        let latency = LatencySummary(p50: Percentile.value(latencies, 0.5) ?? 0, p95: Percentile.value(latencies, 0.95) ?? 0,
                                     p99: Percentile.value(latencies, 0.99) ?? 0,
                                     mean: latencies.isEmpty ? 0 : latencies.reduce(0, +) / Double(latencies.count))

        // Any configured API key still in stored text (an older store) is redacted once here, for every format.
        let redacting = !Redaction.registered.isEmpty
        func clean(_ text: String?) -> String? { redacting ? text.map { Redaction.redact($0, shapes: false) } : text }
        var injection = Injection(flagged: 0, changed: 0, flaggedIDs: [], changedIDs: [])
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
            return Result(id: result.scenarioID, suite: result.suite, repeat: result.repeatIndex, passed: result.passed, status: result.status.rawValue,
                          expected: result.expected, actual: result.actual, failedChecks: checks,
                          decidingRule: result.winner, why: clean(result.why), latencyMs: result.latencyMs, error: clean(result.error),
                          promptInjection: result.promptInjection)
        }

        var report = RunReport(
            formatVersion: formatVersion,
            run: RunInfo(id: run.id, status: run.status.rawValue, startedAt: run.startedAt, finishedAt: run.finishedAt, toolVersion: run.toolVersion,
                         gitCommit: run.gitCommit, engine: run.engine, sources: run.sources),
            scenarioCount: total, passed: passed, failed: total - passed - errored, errored: errored,
            accuracy: total == 0 ? 0 : Double(passed) / Double(total),
            accuracyInterval: Wilson.interval(successes: passed, total: total),
            fields: fields, categories: categories,
            macroF1: supported.isEmpty ? 0 : supported.map(\.f1).reduce(0, +) / Double(supported.count),
            confusion: Confusion(labels: labels, columns: labels + ["other"], matrix: matrix),
            tiers: tiers, suites: suites, latency: latency, usage: ModelUsage.summarize(calls),
            erroredByClass: results.reduce(into: [:]) { counts, result in if let errorClass = result.errorClass { counts[errorClass, default: 0] += 1 } },
            gates: [], results: lines)
        report.injection = injection
        report.gates = GateEvaluator.evaluate(gates: run.gates, results: results, report: report, comparisons: comparisons)
        return report
    }
}
