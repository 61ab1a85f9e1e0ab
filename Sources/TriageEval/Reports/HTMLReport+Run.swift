import Foundation

extension HTMLReport {
    func summarySection() -> String {
        let engine = run.run.engine
        var out = ""
        if let selection = run.selectionLine {
            out += "<p id=\"selection\"><strong>\(e(selection))</strong>" + (run.isPartial ? "; gates apply to these scenarios only" : "") + ".</p>\n"
        }
        out += "<div class=\"cards\">\n"
        out += "<div class=\"card\"><div class=\"label\">Accuracy</div><div class=\"big\" id=\"accuracy\">\(e(Self.pct(run.accuracy)))</div>"
        out += "<div>\(run.passed)/\(run.scenarioCount) passed · 95% CI \(e(Self.interval(run.accuracyInterval)))</div></div>\n"
        out += "<div class=\"card\"><div class=\"label\">Scenario runs</div><table>"
        out += "<tr><td>passed</td><td class=\"num ok\">\(run.passed)</td></tr>"
        out += "<tr><td>failed</td><td class=\"num\(run.failed > 0 ? " bad" : "")\">\(run.failed)</td></tr>"
        out += "<tr><td>errored</td><td class=\"num\(run.errored > 0 ? " bad" : "")\">\(run.errored)</td></tr></table></div>\n"
        out += "<div class=\"card\"><div class=\"label\">Engine</div><table>"
        out += "<tr><td>classifier</td><td><code>\(e(engine.classifier))</code></td></tr>"
        out += "<tr><td>drafter</td><td><code>\(e(engine.drafter))</code></td></tr>"
        if let model = engine.model { out += "<tr><td>model</td><td><code>\(e(model))</code></td></tr>" }
        out += "<tr><td>commit</td><td><code>\(e(run.run.gitCommit.map { String($0.prefix(12)) } ?? "unknown"))</code></td></tr></table></div>\n"
        out += "<div class=\"card\"><div class=\"label\">Latency per scenario</div><table>"
        out += "<tr><td>p50</td><td class=\"num\">\(e(RunReport.milliseconds(run.latency.p50)))</td></tr>"
        out += "<tr><td>p95</td><td class=\"num\">\(e(RunReport.milliseconds(run.latency.p95)))</td></tr>"
        out += "<tr><td>p99</td><td class=\"num\">\(e(RunReport.milliseconds(run.latency.p99)))</td></tr></table></div>\n"
        out += "</div>\n"
        for warning in run.warnings { out += "<p class=\"muted\">Warning: \(e(warning)).</p>\n" }

        if run.gates.isEmpty {
            out += "<p class=\"muted\">No gates were set for this run.</p>\n"
        } else {
            out += "<h3>Gates</h3>\n<table>\n<tr><th>Result</th><th>Scope</th><th>Gate</th><th class=\"num\">Threshold</th><th class=\"num\">Measured</th><th>Scenarios</th></tr>\n"
            for gate in run.gates {
                out += "<tr><td>\(gate.passed ? Self.badge("PASS", "pass") : Self.badge("FAIL", "fail"))</td><td>\(e(gate.scope))</td><td><code>\(e(gate.name))</code></td>"
                out += "<td class=\"num\">\(e(gate.kind.rawValue)) \(e(GateResult.format(gate.threshold)))</td><td class=\"num\">\(e(GateResult.format(gate.measured)))</td>"
                out += "<td>\(gate.passed ? "" : e(gate.scenarios.joined(separator: ", ")))</td></tr>\n"
            }
            out += "</table>\n"
        }

        out += "<h3>Suites</h3>\n<table>\n<tr><th>Suite</th><th class=\"num\">Passed</th><th class=\"num\">Runs</th><th class=\"num\">Accuracy</th><th class=\"num\">Errored</th></tr>\n"
        for suite in run.suites {
            out += "<tr><td>\(e(suite.name))</td><td class=\"num\">\(suite.passed)</td><td class=\"num\">\(suite.scenarios)</td>"
            out += "<td class=\"num\">\(e(Self.pct(suite.accuracy)))</td><td class=\"num\">\(suite.errored)</td></tr>\n"
        }
        out += "</table>\n"
        if run.injection.flagged > 0 {
            out += "<h3>Prompt injection</h3>\n<p>\(run.injection.flagged) flagged, \(run.injection.changed) with labels that differ from expected</p>\n<ul class=\"checks\">\n"
            for name in run.injection.flaggedIDs {
                out += "<li><code>\(e(name))</code>" + (run.injection.changedIDs.contains(name) ? " " + Self.badge("labels differ", "fail") : "") + "</li>\n"
            }
            out += "</ul>\n"
        }
        if let quality = run.quality {
            out += "<h3>Conversation quality</h3>\n<p>\(e(quality.headline))</p>\n"
            for checks in quality.checks ?? [] { out += "<p>Checks: \(e(checks))</p>\n" }
            if !quality.failed.isEmpty {
                out += "<table>\n<tr><th>Scenario</th><th class=\"num\">Health</th><th>Check</th><th>Earlier turn</th><th>Later turn</th></tr>\n"
                for conversation in quality.failed {
                    for finding in conversation.findings {
                        out += "<tr><td><code>\(e(conversation.scenario))</code></td><td class=\"num\">\(conversation.health)</td><td>\(e(finding.kind.rawValue)) (\(e(finding.reason)))</td>"
                        out += "<td>\(finding.earlier.number): \(e(finding.earlier.text))</td><td>\(finding.later.number): \(e(finding.later.text))</td></tr>\n"
                    }
                }
                out += "</table>\n"
            }
        }
        if !run.erroredByClass.isEmpty {
            out += "<p>Errored by class: " + run.erroredByClass.sorted { $0.key < $1.key }.map { "<code>\(e($0.key))</code> \($0.value)" }.joined(separator: ", ") + "</p>\n"
        }
        if let usage = run.usage {
            out += "<h3>Model calls</h3>\n<table>\n"
            out += "<tr><td>calls</td><td class=\"num\">\(usage.calls)</td><td>\(usage.cachedCalls) cached, \(usage.retries) retries</td></tr>\n"
            out += "<tr><td>call latency</td><td class=\"num\">p50 \(e(RunReport.milliseconds(usage.latency.p50)))</td><td>p95 \(e(RunReport.milliseconds(usage.latency.p95))) · p99 \(e(RunReport.milliseconds(usage.latency.p99)))</td></tr>\n"
            out += "<tr><td>tokens</td><td class=\"num\">\(usage.inputTokens) in</td><td>\(usage.outputTokens) out</td></tr>\n"
            out += "<tr><td>cost</td><td class=\"num\">$\(String(format: "%.4f", usage.costUSD))</td><td>error rate \(e(Self.pct(usage.errorRate)))"
            out += usage.errorsByClass.isEmpty ? "" : " (" + usage.errorsByClass.sorted { $0.key < $1.key }.map { "\(e($0.key)) \($0.value)" }.joined(separator: ", ") + ")"
            out += "</td></tr>\n"
            if usage.judgeCalls > 0 {
                out += "<tr><td>judge</td><td class=\"num\">\(usage.judgeCalls) calls</td><td>$\(String(format: "%.4f", usage.judgeCostUSD))</td></tr>\n"
            }
            out += "</table>\n"
        }
        return out
    }

    func fieldsSection() -> String {
        var out = "<table>\n<tr><th>Field</th><th class=\"num\">Correct</th><th class=\"num\">Total</th><th class=\"num\">Accuracy</th><th>95% CI</th><th></th></tr>\n"
        for field in run.fields {
            out += "<tr><td>\(e(field.field))</td><td class=\"num\">\(field.correct)</td><td class=\"num\">\(field.total)</td>"
            out += "<td class=\"num\">\(e(Self.pct(field.accuracy)))</td><td class=\"num\">\(e(Self.interval(field.interval)))</td>"
            out += "<td>\(Self.meter(field.accuracy, field.interval))</td></tr>\n"
        }
        return out + "</table>\n"
    }

    func categoriesSection() -> String {
        var out = "<table>\n<tr><th>Category</th><th class=\"num\">Precision</th><th class=\"num\">Recall</th><th class=\"num\">F1</th><th class=\"num\">Support</th><th class=\"num\">Predicted</th></tr>\n"
        for metric in run.categories {
            out += "<tr\(metric.support == 0 && metric.predicted == 0 ? " class=\"dim\"" : "")><td>\(e(metric.label))</td>"
            out += "<td class=\"num\">\(RunReport.metric(metric.precision))</td><td class=\"num\">\(RunReport.metric(metric.recall))</td>"
            out += "<td class=\"num\">\(RunReport.metric(metric.f1))</td><td class=\"num\">\(Comparison.count(metric.support))</td><td class=\"num\">\(Comparison.count(metric.predicted))</td></tr>\n"
        }
        out += "</table>\n<p>n/a: undefined (never expected, or never predicted). Macro F1 over the categories expected or predicted: <strong>\(RunReport.metric(run.macroF1))</strong></p>\n"
        return out
    }

    func tiersSection() -> String {
        let tiers = run.tiers
        var out = "<table>\n<tr><th>Contract</th><th class=\"num\">Count</th><th class=\"num\">Rate</th><th>Scenarios</th></tr>\n"
        out += "<tr><td>ALWAYS escalated (recall)</td><td class=\"num\">\(tiers.alwaysEscalated)/\(tiers.alwaysTotal)</td>"
        out += "<td class=\"num\(tiers.alwaysRecall < 1 ? " bad" : " ok")\">\(e(Self.pct(tiers.alwaysRecall)))</td>"
        out += "<td>\(tiers.missedAlwaysIDs.isEmpty ? "" : "missed: " + e(tiers.missedAlwaysIDs.joined(separator: ", ")))</td></tr>\n"
        out += "<tr><td>NEVER escalated (false escalations)</td><td class=\"num\">\(tiers.falseEscalations)/\(tiers.neverTotal)</td>"
        out += "<td class=\"num\(tiers.falseEscalations > 0 ? " bad" : " ok")\">\(tiers.neverTotal == 0 ? "–" : e(Self.pct(Double(tiers.falseEscalations) / Double(tiers.neverTotal))))</td>"
        out += "<td>\(e(tiers.falseEscalationIDs.joined(separator: ", ")))</td></tr>\n"
        out += "<tr><td>LIKELY escalated</td><td class=\"num\">\(tiers.likelyEscalated)/\(tiers.likelyTotal)</td>"
        out += "<td class=\"num\">\(e(Self.pct(tiers.likelyRate)))</td><td></td></tr>\n"
        let escalation = run.escalation
        let rows = [("escalation rate", escalation.escalated, escalation.decided, escalation.rate)]
            + escalation.suites.map { ("escalation rate, suite \($0.name)", $0.escalated, $0.decided, $0.rate) }
            + escalation.teams.map { ("escalated to \($0.name)", $0.escalated, $0.decided, $0.rate) }
        for (label, escalated, decided, rate) in rows {
            out += "<tr><td>\(e(label))</td><td class=\"num\">\(escalated)/\(decided)</td><td class=\"num\">\(e(Self.pct(rate)))</td><td></td></tr>\n"
        }
        return out + "</table>\n"
    }

    func failuresSection() -> String {
        let failures = run.results.filter { !$0.passed }
        guard !failures.isEmpty else { return "<p class=\"ok\">Every scenario run passed.</p>\n" }
        var out = ""
        for result in failures {
            let name = "\(result.suite)/\(result.id)" + (result.repeat > 0 ? " #\(result.repeat)" : "")
            out += "<div class=\"failure\">\n<h3><code>\(e(name))</code> "
            out += result.status == "errored" ? Self.badge("errored", "err") : Self.badge("failed", "fail")
            if result.promptInjection { out += " " + Self.badge("prompt injection", "err") }
            out += String(format: " <span class=\"muted\">%@</span></h3>\n", e(RunReport.milliseconds(result.latencyMs)))
            if let error = result.error { out += "<p class=\"error\">\(e(error))</p>\n" }
            let failedFields = Set(result.failedChecks.map(\.field))
            let fields = Expectation.fields.filter { result.expected.value(of: $0) != nil }
            if !fields.isEmpty {
                out += "<table>\n<tr><th>Field</th><th>Expected</th><th>Actual</th><th></th></tr>\n"
                for field in fields {
                    let expected = result.expected.value(of: field) ?? ""
                    let actual = result.actual?.value(of: field)
                    let wrong = failedFields.contains(field.rawValue) || actual != expected
                    out += "<tr><td>\(e(field.rawValue))</td><td><code>\(e(expected))</code></td><td\(wrong ? " class=\"bad\"" : "")>"
                    out += actual.map { "<code>\(e($0))</code>" } ?? "<span class=\"muted\">no decision</span>"
                    out += "</td><td>\(wrong ? "✗" : "✓")</td></tr>\n"
                }
                out += "</table>\n"
            }
            let replies = result.failedChecks.filter { $0.field == "reply" }
            if !replies.isEmpty {
                out += "<p>Reply checks that failed:</p>\n<ul class=\"checks\">\n"
                for check in replies { out += "<li><code>\(e(check.expected))</code> — \(e(check.actual))</li>\n" }
                out += "</ul>\n"
            }
            if let rule = result.decidingRule {
                out += "<p>Deciding rule: <code>\(e(rule))</code>\(result.why.map { " — " + e($0) } ?? "")</p>\n"
            } else if let why = result.why {
                out += "<p>No escalation rule decided: \(e(why))</p>\n"
            }
            out += "</div>\n"
        }
        return out
    }
}
