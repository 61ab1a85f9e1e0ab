import Foundation

extension Comparison {
    /// Renders in a format: text, markdown or json; HTML needs a run's report (``HTMLReport``), and
    /// JUnit and CSV list a single run's scenarios, so those throw ``UnsupportedReportFormat``.
    public func render(_ format: ReportFormat) throws -> String {
        switch format {
        case .junit, .csv, .html:
            throw UnsupportedReportFormat(report: "a comparison", format: format, supported: [.text, .markdown, .json],
                                          hint: format == .html ? "render HTMLReport(run:comparison:)" : "JUnit and CSV describe one run")
        case .text: return renderText()
        case .markdown: return renderMarkdown()
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
        }
    }

    static func pct(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }
    static func points(_ value: Double) -> String { String(format: "%+.1f", value * 100) }
    static func p(_ value: Double) -> String { value < 0.001 ? String(format: "%.1e", value) : String(format: "%.3f", value) }

    /// For a terminal.
    public func renderText() -> String {
        var out = "compare \(nameA) (run #\(runA.id), \(runA.engine.model ?? runA.engine.classifier)) → \(nameB) (run #\(runB.id), \(runB.engine.model ?? runB.engine.classifier))\n"
        out += "\(sharedScenarios) shared scenarios" + (onlyA + onlyB > 0 ? " (\(onlyA) only in \(nameA), \(onlyB) only in \(nameB))" : "") + "\n\n"
        out += verdict.text + "\n\n"
        out += "field           A        95% CI             B        95% CI             B−A     95% CI (bootstrap)   McNemar b/c   p\n"
        for field in fields {
            out += RunReport.pad(field.field, 14)
                + RunReport.lpad(Self.pct(field.accuracyA), 7) + "  " + RunReport.pad("\(Self.pct(field.intervalA.lower))–\(Self.pct(field.intervalA.upper))", 15)
                + RunReport.lpad(Self.pct(field.accuracyB), 7) + "  " + RunReport.pad("\(Self.pct(field.intervalB.lower))–\(Self.pct(field.intervalB.upper))", 15)
                + RunReport.lpad(Self.points(field.difference.estimate), 7) + "  " + RunReport.pad("\(Self.points(field.difference.lower)) to \(Self.points(field.difference.upper))", 19)
                + RunReport.lpad("\(field.mcnemar.b)/\(field.mcnemar.c)", 12) + "   " + Self.p(field.mcnemar.pValue) + "\n"
        }
        if !categories.isEmpty {
            out += "\ncategory           support  recall A  recall B    F1 A    F1 B    ΔF1\n"
            for category in categories {
                out += "  " + RunReport.pad(category.label, 16) + RunReport.lpad(String(category.support), 8)
                    + RunReport.lpad(RunReport.fixed(category.recallA), 10) + RunReport.lpad(RunReport.fixed(category.recallB), 10)
                    + RunReport.lpad(RunReport.fixed(category.f1A), 8) + RunReport.lpad(RunReport.fixed(category.f1B), 8)
                    + RunReport.lpad(String(format: "%+.3f", category.f1B - category.f1A), 8) + "\n"
            }
        }
        out += "\nlatency p50 \(RunReport.milliseconds(usageA.p50)) → \(RunReport.milliseconds(usageB.p50)), p95 \(RunReport.milliseconds(usageA.p95)) → \(RunReport.milliseconds(usageB.p95)); "
        out += "tokens \(usageA.tokens) → \(usageB.tokens); cost $\(String(format: "%.4f", usageA.costUSD)) → $\(String(format: "%.4f", usageB.costUSD))"
        if let perA = usageA.accuracyPerDollar, let perB = usageB.accuracyPerDollar {
            out += String(format: "; accuracy per dollar %.1f → %.1f", perA, perB)
        }
        out += "\n"
        if !flips.isEmpty {
            out += "\nFlipped scenarios (\(flips.filter { $0.direction == "pass→fail" }.count) pass→fail, \(flips.filter { $0.direction == "fail→pass" }.count) fail→pass)\n"
            for flip in flips {
                out += "  \(flip.direction)  " + ReportText.terminal("\(flip.suite)/\(flip.id)") + "\n"
                out += "    \(nameA): " + ReportText.terminal(Self.describe(flip.a)) + "\n"
                out += "    \(nameB): " + ReportText.terminal(Self.describe(flip.b)) + "\n"
            }
        }
        return out
    }

    static func describe(_ side: Side) -> String {
        if let error = side.error { return "errored: \(error)" }
        guard let actual = side.actual else { return "no result" }
        var text = "\(actual.category), \(actual.escalate ? "escalate → \(actual.team)" : "no escalation"), \(actual.priority), \(actual.sentiment)"
        if let rule = side.decidingRule { text += " [\(rule)]" }
        let failed = side.failedChecks.map { $0.field == "reply" ? "reply \($0.expected)" : "\($0.field)≠\($0.expected)" }
        if !failed.isEmpty { text += "; failed: " + failed.joined(separator: ", ") }
        if side.passRate > 0 && side.passRate < 1 { text += String(format: "; pass rate %.2f", side.passRate) }
        return text
    }

    /// For a pull-request comment.
    public func renderMarkdown() -> String {
        let icon = verdict.outcome == "worse" ? "❌" : (verdict.outcome == "better" ? "✅" : "➖")
        var out = "## \(icon) \(nameA) → \(nameB)\n\n\(verdict.text)\n\n"
        out += "| Field | \(nameA) | \(nameB) | B−A (95% CI) | McNemar b/c | p |\n|---|---:|---:|---|---:|---:|\n"
        for field in fields {
            out += "| \(field.field) | \(Self.pct(field.accuracyA)) | \(Self.pct(field.accuracyB)) | \(Self.points(field.difference.estimate)) (\(Self.points(field.difference.lower)) to \(Self.points(field.difference.upper))) | \(field.mcnemar.b)/\(field.mcnemar.c) | \(Self.p(field.mcnemar.pValue)) |\n"
        }
        if !flips.isEmpty {
            out += "\n| Flip | Scenario | \(nameA) | \(nameB) |\n|---|---|---|---|\n"
            for flip in flips {
                out += "| \(flip.direction) | \(RunReport.cell("\(flip.suite)/\(flip.id)")) | \(RunReport.cell(Self.describe(flip.a))) | \(RunReport.cell(Self.describe(flip.b))) |\n"
            }
        }
        out += String(format: "\nLatency p95 %@ → %@ · cost $%.4f → $%.4f\n", RunReport.milliseconds(usageA.p95), RunReport.milliseconds(usageB.p95), usageA.costUSD, usageB.costUSD)
        return out
    }
}
