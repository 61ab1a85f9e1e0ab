import Foundation

extension RunReport {
    /// The report for a terminal.
    public func renderText() -> String {
        var out = ""
        func line(_ text: String = "") { out += text + "\n" }
        line(header)
        if let selectionLine { line(ReportText.terminal(selectionLine)) }
        line("Accuracy  " + accuracyCounts + " = \(Self.percent(accuracy))  (95% CI \(Self.percent(accuracyInterval.lower))–\(Self.percent(accuracyInterval.upper)))  failed \(failed), errored \(errored)")
        line()
        line("Per field        correct  total  accuracy  95% CI")
        for field in fields {
            line("  " + Self.pad(field.field, 14) + Self.lpad(String(field.correct), 7) + Self.lpad(String(field.total), 7)
                 + Self.lpad(Self.percent(field.accuracy), 10) + "  " + Self.percent(field.interval.lower) + "–" + Self.percent(field.interval.upper))
        }
        line()
        let labelWidth = max(16, (categories.map(\.label.count).max() ?? 0) + 1)
        line(Self.pad("Per category", labelWidth + 2) + "precision  recall     f1  support  predicted")
        for metric in categories {
            line("  " + Self.pad(ReportText.terminal(metric.label), labelWidth) + Self.lpad(Self.metric(metric.precision), 9) + Self.lpad(Self.metric(metric.recall), 8)
                 + Self.lpad(Self.metric(metric.f1), 7) + Self.lpad(Comparison.count(metric.support), 9) + Self.lpad(Comparison.count(metric.predicted), 11))
        }
        line("  n/a: undefined (never expected, or never predicted); macro F1 \(Self.metric(macroF1)) over the \(categories.filter { $0.f1 != nil }.count) categories expected or predicted")
        line()
        line("Confusion matrix (rows expected, columns actual" + (repeats > 1 ? ", scenario runs)" : ")"))
        // Columns as wide as their longest label, so long labels never shift the counts.
        let rowWidth = max(16, (confusion.labels.map(\.count).max() ?? 0) + 1)
        let widths = confusion.columns.enumerated().map { index, column in
            max(column.count, confusion.matrix.map { String($0[index]).count }.max() ?? 1) + 2
        }
        line(Self.pad("", rowWidth + 2) + zip(confusion.columns, widths).map { Self.lpad(ReportText.terminal($0), $1) }.joined())
        for (index, label) in confusion.labels.enumerated() where confusion.matrix[index].reduce(0, +) > 0 {
            line("  " + Self.pad(ReportText.terminal(label), rowWidth) + zip(confusion.matrix[index], widths).map { Self.lpad($0 == 0 ? "." : String($0), $1) }.joined())
        }
        line()
        line("Tier contracts")
        line("  ALWAYS recall        \(tiers.alwaysEscalated)/\(tiers.alwaysTotal) = \(Self.percent(tiers.alwaysRecall))"
             + (tiers.missedAlwaysIDs.isEmpty ? "" : "  missed: " + ReportText.terminal(tiers.missedAlwaysIDs.joined(separator: ", "))))
        line("  NEVER escalated      \(tiers.falseEscalations)/\(tiers.neverTotal) false escalations"
             + (tiers.falseEscalationIDs.isEmpty ? "" : ": " + ReportText.terminal(tiers.falseEscalationIDs.joined(separator: ", "))))
        line("  LIKELY escalated     \(tiers.likelyEscalated)/\(tiers.likelyTotal) = \(Self.percent(tiers.likelyRate))")
        line("Escalation rate  \(escalation.figure)")
        line("  per suite: " + escalation.suites.map { "\($0.name) \(EscalationRates.figure($0))" }.joined(separator: ", "))
        line("  per team:  " + (escalation.teams.isEmpty ? "none" : escalation.teams.map { "\($0.name) \(EscalationRates.figure($0))" }.joined(separator: ", ")))
        line()
        line("Suites")
        for suite in suites {
            line("  " + Self.pad(ReportText.terminal(suite.name), 16) + Self.lpad("\(suite.passed)/\(suite.scenarios)", 8) + Self.lpad(Self.percent(suite.accuracy), 9)
                 + (suite.errored > 0 ? "  errored \(suite.errored)" : ""))
        }
        line("Latency  p50 \(Self.milliseconds(latency.p50))  p95 \(Self.milliseconds(latency.p95))  p99 \(Self.milliseconds(latency.p99)) per scenario")
        if !erroredByClass.isEmpty {
            line("Errored scenarios by class: " + erroredByClass.sorted { $0.key < $1.key }.map { "\(ReportText.terminal($0.key)) \($0.value)" }.joined(separator: ", "))
        }
        if injection.flagged > 0 {
            line("Prompt injection  \(injection.flagged) flagged, \(injection.changed) with labels that differ from expected")
            for name in injection.flaggedIDs {
                line("  " + ReportText.terminal(name) + (injection.changedIDs.contains(name) ? "  (labels differ)" : ""))
            }
        }
        if let quality {
            line("Conversation quality  " + quality.headline)
            for conversation in quality.failed {
                line("  " + ReportText.terminal(conversation.scenario) + "  health \(conversation.health)")
                for finding in conversation.findings { line("    " + ReportText.terminal(RunQuality.describe(finding))) }
            }
            for checks in quality.checks ?? [] { line("  checks: " + checks) }
        }
        if let usage {
            line("Model calls  \(usage.calls) (\(usage.cachedCalls) cached, \(usage.retries) retries)  latency p50 \(Self.milliseconds(usage.latency.p50))  p95 \(Self.milliseconds(usage.latency.p95))  p99 \(Self.milliseconds(usage.latency.p99))")
            line("  tokens in \(usage.inputTokens) out \(usage.outputTokens)  cost $\(String(format: "%.4f", usage.costUSD))  error rate \(Self.percent(usage.errorRate))"
                 + (usage.errorsByClass.isEmpty ? "" : " (" + usage.errorsByClass.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")"))
            if usage.judgeCalls > 0 {
                line("  judge calls \(usage.judgeCalls)  tokens in \(usage.judgeInputTokens) out \(usage.judgeOutputTokens)  cost $\(String(format: "%.4f", usage.judgeCostUSD))")
            }
        }
        for warning in warnings { line("warning: " + warning) }
        let failures = results.filter { !$0.passed }
        if !failures.isEmpty {
            line()
            line("Failures (\(failures.count))")
            for result in failures {
                line("  " + ReportText.terminal("\(result.suite)/\(result.id)") + (result.repeat > 0 ? " #\(result.repeat)" : "")
                     + (result.status == "errored" ? "  ERRORED" : "") + (result.promptInjection ? "  [prompt injection]" : ""))
                if let error = result.error { line("    error: " + ReportText.terminal(error)) }
                for check in result.failedChecks {
                    let expected = ReportText.terminal(check.expected), actual = ReportText.terminal(check.actual)
                    line(check.field == "reply" ? "    reply: \(expected) — \(actual)" : "    \(ReportText.terminal(check.field)): expected \(expected), got \(actual)")
                }
                if let rule = result.decidingRule {
                    line("    deciding rule: " + ReportText.terminal(rule) + " — " + ReportText.terminal(result.why ?? ""))
                } else if let why = result.why {
                    line("    " + ReportText.terminal(why))
                }
            }
        }
        if !gates.isEmpty {
            line()
            line("Gates" + gatesScope)
            for gate in gates { line("  " + (gate.passed ? "PASS " : "FAIL ") + gate.summary) }
        }
        return out
    }

    var header: String {
        var text = "triage-eval run #\(run.id) (\(run.status)): \(scenarioCount) scenario runs, \(run.engine.classifier)"
        if let model = run.engine.model { text += " [\(ReportText.terminal(model))]" }
        if let commit = run.gitCommit { text += ", commit \(commit.prefix(12))" }
        return text
    }

    /// `passed/runs` without repeats; with them, the mean pass rate's basis in scenarios and repeats.
    var accuracyCounts: String {
        repeats > 1 ? "mean pass rate over \(scenarios) scenarios × up to \(repeats) repeats (\(passed)/\(scenarioCount) runs)" : "\(passed)/\(scenarioCount)"
    }

    /// A metric that may be undefined: three decimals, or `n/a`.
    static func metric(_ value: Double?) -> String { value.map(fixed) ?? "n/a" }
    static func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }
    static func fixed(_ value: Double) -> String { String(format: "%.3f", value) }
    static func milliseconds(_ value: Double) -> String { value < 10 ? String(format: "%.3f ms", value) : String(format: "%.0f ms", value) }
    static func pad(_ text: String, _ width: Int) -> String { text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count) }
    static func lpad(_ text: String, _ width: Int) -> String { text.count >= width ? " " + text : String(repeating: " ", count: width - text.count) + text }
}
