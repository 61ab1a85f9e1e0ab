import Foundation

extension HTMLReport {
    /// The A/B section: verdict, fields with intervals and McNemar, category deltas, cost, and the flips
    /// with both sides' outputs and deciding rules side by side.
    static func comparisonSection(_ comparison: Comparison) -> String {
        func e(_ text: String) -> String { Markup.html(text) }
        let kind = comparison.verdict.outcome == .worse ? "fail" : (comparison.verdict.outcome == .better ? "pass" : "neutral")
        var out = "<p>\(badge(comparison.verdict.outcome.rawValue.replacingOccurrences(of: "_", with: " "), kind)) "
        out += "<strong>\(e(comparison.nameA))</strong> (run #\(comparison.runA.id), \(e(comparison.runA.engine.model ?? comparison.runA.engine.classifier))) → "
        out += "<strong>\(e(comparison.nameB))</strong> (run #\(comparison.runB.id), \(e(comparison.runB.engine.model ?? comparison.runB.engine.classifier)))</p>\n"
        out += "<p>\(e(comparison.verdict.text))</p>\n"
        out += "<p class=\"muted\">\(comparison.sharedScenarios) shared scenarios"
        if comparison.onlyA + comparison.onlyB > 0 { out += " (\(comparison.onlyA) only in \(e(comparison.nameA)), \(comparison.onlyB) only in \(e(comparison.nameB)))" }
        out += "</p>\n"

        out += "<table>\n<tr><th>Field</th><th class=\"num\">\(e(comparison.nameA))</th><th class=\"num\">95% CI</th><th class=\"num\">\(e(comparison.nameB))</th>"
        out += "<th class=\"num\">95% CI</th><th class=\"num\">B−A</th><th class=\"num\">95% CI (score)</th><th class=\"num\">McNemar b/c</th><th class=\"num\">p</th><th class=\"num\">p (Holm)</th></tr>\n"
        for field in comparison.fields {
            out += "<tr><td>\(e(field.field))</td><td class=\"num\">\(pct(field.accuracyA))</td><td class=\"num\">\(interval(field.intervalA))</td>"
            out += "<td class=\"num\">\(pct(field.accuracyB))</td><td class=\"num\">\(interval(field.intervalB))</td>"
            out += "<td class=\"num\">\(Comparison.points(field.difference.estimate))</td>"
            out += "<td class=\"num\">\(Comparison.points(field.difference.lower)) to \(Comparison.points(field.difference.upper))</td>"
            out += "<td class=\"num\">\(field.mcnemar.b)/\(field.mcnemar.c)</td><td class=\"num\">\(Comparison.p(field.mcnemar.pValue))</td>"
            out += "<td class=\"num\">\(field.adjustedPValue.map { Comparison.p($0) } ?? "primary")</td></tr>\n"
        }
        out += "</table>\n<p class=\"muted\">\(e(comparison.holmNote))</p>\n"
        if !comparison.categories.isEmpty {
            out += "<h3>Categories</h3>\n<table>\n<tr><th>Category</th><th class=\"num\">Support</th><th class=\"num\">Recall A</th><th class=\"num\">Recall B</th>"
            out += "<th class=\"num\">F1 A</th><th class=\"num\">F1 B</th><th class=\"num\">ΔF1</th></tr>\n"
            for category in comparison.categories {
                let delta = category.f1A.flatMap { a in category.f1B.map { $0 - a } }
                out += "<tr><td>\(e(category.label))</td><td class=\"num\">\(Comparison.count(category.support))</td><td class=\"num\">\(RunReport.metric(category.recallA))</td>"
                out += "<td class=\"num\">\(RunReport.metric(category.recallB))</td><td class=\"num\">\(RunReport.metric(category.f1A))</td><td class=\"num\">\(RunReport.metric(category.f1B))</td>"
                out += "<td class=\"num\((delta ?? 0) < 0 ? " bad" : ((delta ?? 0) > 0 ? " ok" : ""))\">\(delta.map { String(format: "%+.3f", $0) } ?? "n/a")</td></tr>\n"
            }
            out += "</table>\n"
        }
        let (a, b) = (comparison.usageA, comparison.usageB)
        out += "<p>Latency p50 \(e(RunReport.milliseconds(a.p50))) → \(e(RunReport.milliseconds(b.p50))), p95 \(e(RunReport.milliseconds(a.p95))) → \(e(RunReport.milliseconds(b.p95)))"
        out += String(format: " · tokens %d → %d · cost $%.4f → $%.4f</p>\n", a.tokens, b.tokens, a.costUSD, b.costUSD)

        let regressions = comparison.flips.filter { $0.direction == .regression }.count
        out += "<h3>Flipped scenarios (\(regressions) pass→fail, \(comparison.flips.count - regressions) fail→pass)</h3>\n"
        guard !comparison.flips.isEmpty else { return out + "<p class=\"muted\">No scenario changed its verdict.</p>\n" }
        out += "<table class=\"flips\">\n<tr><th style=\"width:9%\">Flip</th><th style=\"width:17%\">Scenario</th><th style=\"width:15%\">Expected</th>"
        out += "<th style=\"width:20%\">\(e(comparison.nameA))</th><th style=\"width:9.5%\">Rule</th><th style=\"width:20%\">\(e(comparison.nameB))</th><th style=\"width:9.5%\">Rule</th></tr>\n"
        for flip in comparison.flips {
            let regression = flip.direction == .regression
            out += "<tr class=\"flip\"><td>\(badge(flip.direction.rawValue, regression ? "fail" : "pass"))</td><td><code>\(e(flip.suite + "/" + flip.id))</code></td>"
            out += "<td class=\"expected\">\(e(describe(flip.expected)))</td>"
            out += "<td class=\"side\">\(side(flip.a))</td><td>\(flip.a.decidingRule.map { "<code>\(e($0))</code>" } ?? "–")</td>"
            out += "<td class=\"side\">\(side(flip.b))</td><td>\(flip.b.decidingRule.map { "<code>\(e($0))</code>" } ?? "–")</td></tr>\n"
        }
        return out + "</table>\n"
    }

    /// One side of a flip: its labels, what failed, its pass rate over repeats.
    static func side(_ side: Comparison.Side) -> String {
        func e(_ text: String) -> String { Markup.html(text) }
        if let error = side.error { return "<span class=\"error\">errored: \(e(error))</span>" }
        guard let actual = side.actual else { return "<span class=\"muted\">no result</span>" }
        var out = e("\(actual.category) · \(actual.escalate ? "escalate → \(actual.team)" : "no escalation") · \(actual.priority) · \(actual.sentiment)")
        let failed = side.failedChecks.map { $0.field == "reply" ? "reply: \($0.expected)" : "\($0.field): expected \($0.expected), got \($0.actual)" }
        if !failed.isEmpty { out += "<br><span class=\"bad\">" + failed.map(e).joined(separator: "<br>") + "</span>" }
        if side.passRate > 0 && side.passRate < 1 { out += String(format: "<br><span class=\"muted\">pass rate %.2f</span>", side.passRate) }
        return out
    }

    /// The expected labels in one line: `category=billing escalate=true`.
    static func describe(_ expected: Expectation) -> String {
        Expectation.fields.compactMap { field in expected.value(of: field).map { "\(field)=\($0)" } }.joined(separator: " ")
    }

    /// A suite's drift: attribution and verdict, the trend chart and table, label shift, stability.
    func driftSection(_ report: DriftReport) -> String {
        var out = "<p>Latest run #\(report.latest.id), " + (report.baseline.map { "baseline #\($0.id)" } ?? "no baseline (compared with the previous run)") + ".</p>\n"
        if let attribution = report.attribution { out += "<p><strong>Attribution:</strong> \(e(attribution.text))</p>\n" }
        if let comparison = report.comparison {
            out += "<p><strong>Verdict:</strong> \(e(comparison.verdict.text))"
            if !comparison.flips.isEmpty { out += " \(comparison.flips.count) flipped scenario\(comparison.flips.count == 1 ? "" : "s")." }
            out += "</p>\n"
        }
        out += trendChart(report.trend, suite: report.suite)
        out += "<table>\n<tr><th>Run</th><th>Started</th><th class=\"num\">Runs</th><th class=\"num\">Accuracy</th><th class=\"num\">95% CI</th>"
        out += "<th class=\"num\">p95 latency</th><th class=\"num\">Cost</th><th>Changed</th></tr>\n"
        for point in report.trend {
            out += "<tr\(point.run == run.run.id ? " style=\"font-weight:600\"" : "")><td>#\(point.run)</td><td>\(e(Self.date(point.startedAt)))</td>"
            out += "<td class=\"num\">\(point.scenarios)</td><td class=\"num\">\(Self.pct(point.accuracy))</td><td class=\"num\">\(Self.interval(point.interval))</td>"
            out += "<td class=\"num\">\(e(RunReport.milliseconds(point.p95LatencyMs)))</td><td class=\"num\">$\(String(format: "%.4f", point.costUSD))</td>"
            out += "<td>\(e(point.changed.joined(separator: ", ")))</td></tr>\n"
        }
        out += "</table>\n"
        if !report.shift.isEmpty {
            out += "<h3>Label distribution shift</h3>\n<table>\n<tr><th>Field</th><th class=\"num\">PSI</th><th class=\"num\">JS divergence (bits)</th></tr>\n"
            for field in report.shift {
                out += "<tr><td>\(e(field.field))</td><td class=\"num\">\(String(format: "%.4f", field.psi))</td><td class=\"num\">\(String(format: "%.4f", field.js))</td></tr>\n"
            }
            out += "</table>\n"
        }
        if report.stability.isEmpty {
            out += "<p class=\"muted\">Flakiness: the latest run has one repeat per scenario; run with <code>--repeat K</code> to measure it.</p>\n"
        } else {
            let count = { (label: StabilityLabel) in report.stability.filter { $0.label == label }.count }
            out += "<p>Stability over \(report.stability.first?.trials ?? 0) repeats: \(count(.stable)) stable, \(count(.flaky)) flaky, \(count(.broken)) broken.</p>\n"
            if let repeats = report.repeats {
                out += "<p>Mean pass rate \(e(Self.pct(repeats.meanPassRate))) (95% CI \(e(Self.interval(repeats.meanPassRateInterval))) over \(repeats.scenarios) scenarios); "
                out += repeats.passHatK.enumerated().map { String(format: "pass^%d %.3f", $0.offset + 1, $0.element) }.joined(separator: ", ")
                out += "; flaky share \(e(Self.pct(repeats.flakyShare))) (95% CI \(e(Self.interval(repeats.flakyInterval)))).</p>\n"
            }
            let unstable = report.stability.filter { $0.label != .stable }
            if !unstable.isEmpty {
                out += "<table>\n<tr><th>Scenario</th><th>Label</th><th class=\"num\">Pass rate</th><th class=\"num\">pass^k</th></tr>\n"
                for item in unstable {
                    out += "<tr><td><code>\(e(item.id))</code></td><td>\(Self.badge(item.label.rawValue, item.label == .broken ? "fail" : "err"))</td>"
                    out += String(format: "<td class=\"num\">%.2f</td><td class=\"num\">%.3f</td></tr>\n", item.passRate, item.passK.last ?? 0)
                }
                out += "</table>\n"
            }
        }
        return out
    }
}
