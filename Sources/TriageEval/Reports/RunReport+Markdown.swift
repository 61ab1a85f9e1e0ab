import Foundation

extension RunReport {
    /// The report as Markdown, for a pull-request comment.
    public func renderMarkdown() -> String {
        var out = ""
        func line(_ text: String = "") { out += text + "\n" }
        let verdict = gates.isEmpty ? "" : (gatesPassed ? " ✅ gates passed" : " ❌ gates failed")
        line("## triage-eval run #\(run.id)\(verdict)")
        line()
        if let selectionLine {
            line("> " + Self.cell(selectionLine) + (isPartial ? "; gates apply to these scenarios only" : ""))
            line()
        }
        line("**Accuracy \(Self.percent(accuracy))** (\(accuracyCounts), 95% CI \(Self.percent(accuracyInterval.lower))–\(Self.percent(accuracyInterval.upper))) · failed \(failed) · errored \(errored) · engine `\(run.engine.classifier)`"
             + (run.engine.model.map { " · model " + Self.cell($0) } ?? "") + (run.gitCommit.map { " · commit `\($0.prefix(12))`" } ?? ""))
        line()
        line("| Field | Correct | Total | Accuracy | 95% CI |")
        line("|---|---:|---:|---:|---|")
        for field in fields {
            line("| \(field.field) | \(field.correct) | \(field.total) | \(Self.percent(field.accuracy)) | \(Self.percent(field.interval.lower))–\(Self.percent(field.interval.upper)) |")
        }
        line()
        line("| Category | Precision | Recall | F1 | Support | Predicted |")
        line("|---|---:|---:|---:|---:|---:|")
        for metric in categories {
            line("| \(Self.cell(metric.label)) | \(Self.metric(metric.precision)) | \(Self.metric(metric.recall)) | \(Self.metric(metric.f1)) | \(Comparison.count(metric.support)) | \(Comparison.count(metric.predicted)) |")
        }
        line()
        line("n/a: undefined (never expected, or never predicted). Macro F1 \(Self.metric(macroF1)) over the \(categories.filter { $0.f1 != nil }.count) categories expected or predicted.")
        line()
        line("<details><summary>Confusion matrix (rows expected, columns actual)</summary>")
        line()
        line("| expected \\ actual | " + confusion.columns.map(Self.cell).joined(separator: " | ") + " |")
        line("|---|" + String(repeating: "---:|", count: confusion.columns.count))
        for (index, label) in confusion.labels.enumerated() {
            line("| \(Self.cell(label)) | " + confusion.matrix[index].map { $0 == 0 ? "·" : String($0) }.joined(separator: " | ") + " |")
        }
        line()
        line("</details>")
        line()
        if let usage {
            line("**Model calls** \(usage.calls) (\(usage.cachedCalls) cached, \(usage.retries) retries) · latency p50 \(Self.milliseconds(usage.latency.p50)) / p95 \(Self.milliseconds(usage.latency.p95)) / p99 \(Self.milliseconds(usage.latency.p99)) · tokens \(usage.inputTokens) in / \(usage.outputTokens) out · cost $\(String(format: "%.4f", usage.costUSD)) · error rate \(Self.percent(usage.errorRate))"
                 + (usage.judgeCalls > 0 ? " · judge \(usage.judgeCalls) calls, $\(String(format: "%.4f", usage.judgeCostUSD))" : ""))
            line()
        }
        line("**Tier contracts**: ALWAYS recall \(tiers.alwaysEscalated)/\(tiers.alwaysTotal) (\(Self.percent(tiers.alwaysRecall))) · NEVER false escalations \(tiers.falseEscalations)/\(tiers.neverTotal) · LIKELY escalated \(tiers.likelyEscalated)/\(tiers.likelyTotal)")
        line()
        line("**Escalation rate** \(escalation.figure) · per suite: " + escalation.suites.map { "\($0.name) \(EscalationRates.figure($0))" }.joined(separator: ", ")
             + " · per team: " + (escalation.teams.isEmpty ? "none" : escalation.teams.map { "\($0.name) \(EscalationRates.figure($0))" }.joined(separator: ", ")))
        if !warnings.isEmpty {
            line()
            for warning in warnings { line("> ⚠️ " + warning) }
        }
        if !gates.isEmpty {
            line()
            line("| Gate | Scope | Threshold | Measured | Result |")
            line("|---|---|---:|---:|---|")
            for gate in gates {
                line("| \(Self.cell(gate.name)) | \(Self.cell(gate.scope)) | \(gate.kind) \(GateResult.format(gate.threshold)) | \(GateResult.format(gate.measured)) | \(gate.passed ? "pass" : "**FAIL**") |")
            }
        }
        if injection.flagged > 0 {
            line()
            line("**Prompt injection**: \(injection.flagged) flagged, \(injection.changed) with labels that differ from expected")
            line()
            line("| Scenario | Labels |")
            line("|---|---|")
            for name in injection.flaggedIDs {
                line("| \(Self.cell(name)) | \(injection.changedIDs.contains(name) ? "**differ**" : "as expected") |")
            }
        }
        if let quality {
            line()
            line("**Conversation quality**: " + Self.cell(quality.headline))
            for checks in quality.checks ?? [] {
                line()
                line("_Checks: " + Self.cell(checks) + "_")
            }
            if !quality.failed.isEmpty {
                line()
                line("| Scenario | Health | Check | Earlier turn | Later turn |")
                line("|---|---:|---|---|---|")
                for conversation in quality.failed {
                    for finding in conversation.findings {
                        line("| \(Self.cell(conversation.scenario)) | \(conversation.health) | \(finding.kind.rawValue) (\(Self.cell(finding.reason))) | "
                             + "\(finding.earlier.number): \(Self.cell(Runner.excerpt(finding.earlier.text))) | \(finding.later.number): \(Self.cell(Runner.excerpt(finding.later.text))) |")
                    }
                }
            }
        }
        let failures = results.filter { !$0.passed }
        if !failures.isEmpty {
            line()
            line("### Failures (\(failures.count))")
            line()
            line("| Scenario | Check | Expected | Actual | Deciding rule |")
            line("|---|---|---|---|---|")
            for result in failures {
                let id = Self.cell("\(result.suite)/\(result.id)") + (result.repeat > 0 ? " #\(result.repeat)" : "")
                    + (result.promptInjection ? " (prompt injection)" : "")
                if result.status == "errored" {
                    line("| \(id) | error | | \(Self.cell(result.error ?? "")) | |")
                }
                for check in result.failedChecks {
                    line("| \(id) | \(Self.cell(check.field)) | \(Self.cell(check.expected)) | \(Self.cell(check.actual)) | \(Self.cell(result.decidingRule ?? "")) |")
                }
            }
        }
        return out
    }

    /// Untrusted text for a table cell or inline text, neutralised by ``ReportText/markdown(_:)``.
    static func cell(_ text: String) -> String {
        ReportText.markdown(text)
    }
}
