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

    /// A metric that may be undefined: three decimals, or `n/a`.
    static func metric(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "n/a" }
    /// A count of scenarios: whole numbers plainly, fractions (repeats that disagree) to two decimals.
    static func count(_ value: Double) -> String { value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value) }

    /// The note under a table of secondary p-values.
    var holmNote: String {
        let tests = fields.filter { $0.adjustedPValue != nil }.count + categories.filter { $0.adjustedPValue != nil }.count
        return "p: McNemar score test. The verdict row is the primary test (not adjusted); p (Holm) adjusts the \(tests) secondary tests (fields and categories) together by Holm's method."
    }

    /// For a terminal.
    public func renderText() -> String {
        var out = "compare \(nameA) (run #\(runA.id), \(runA.engine.model ?? runA.engine.classifier)) → \(nameB) (run #\(runB.id), \(runB.engine.model ?? runB.engine.classifier))\n"
        out += "\(sharedScenarios) shared scenarios" + (onlyA + onlyB > 0 ? " (\(onlyA) only in \(nameA), \(onlyB) only in \(nameB))" : "") + "\n\n"
        out += verdict.text + "\n\n"
        let level = Self.confidence(verdict.alpha)
        // The header uses the rows' widths, so every title sits over its column.
        out += RunReport.pad("field", 14) + RunReport.lpad("A", 7) + "  " + RunReport.pad(level + " CI", 15) + RunReport.lpad("B", 7) + "  "
            + RunReport.pad(level + " CI", 15) + RunReport.lpad("B−A", 7) + "  " + RunReport.pad(level + " CI (score)", 19)
            + RunReport.lpad("McNemar b/c", 12) + "   " + RunReport.pad("p", 8) + "p (Holm)\n"
        for field in fields {
            out += RunReport.pad(field.field, 14)
                + RunReport.lpad(Self.pct(field.accuracyA), 7) + "  " + RunReport.pad("\(Self.pct(field.intervalA.lower))–\(Self.pct(field.intervalA.upper))", 15)
                + RunReport.lpad(Self.pct(field.accuracyB), 7) + "  " + RunReport.pad("\(Self.pct(field.intervalB.lower))–\(Self.pct(field.intervalB.upper))", 15)
                + RunReport.lpad(Self.points(field.difference.estimate), 7) + "  " + RunReport.pad("\(Self.points(field.difference.lower)) to \(Self.points(field.difference.upper))", 19)
                + RunReport.lpad("\(field.mcnemar.b)/\(field.mcnemar.c)", 12) + "   " + RunReport.pad(Self.p(field.mcnemar.pValue), 8)
                + (field.adjustedPValue.map { Self.p($0) } ?? "primary") + "\n"
        }
        if !categories.isEmpty {
            let width = max(16, (categories.map(\.label.count).max() ?? 0) + 1)
            out += "\n" + RunReport.pad("category", width + 2) + "support  pred A  pred B  recall A  recall B    F1 A    F1 B    ΔF1  p (Holm)\n"
            for category in categories {
                let delta = category.f1A.flatMap { a in category.f1B.map { String(format: "%+.3f", $0 - a) } } ?? "n/a"
                out += "  " + RunReport.pad(category.label, width) + RunReport.lpad(Self.count(category.support), 7)
                    + RunReport.lpad(Self.count(category.predictedA), 8) + RunReport.lpad(Self.count(category.predictedB), 8)
                    + RunReport.lpad(Self.metric(category.recallA), 10) + RunReport.lpad(Self.metric(category.recallB), 10)
                    + RunReport.lpad(Self.metric(category.f1A), 8) + RunReport.lpad(Self.metric(category.f1B), 8)
                    + RunReport.lpad(delta, 7) + "  " + (category.adjustedPValue.map { Self.p($0) } ?? "-") + "\n"
            }
            let small = categories.filter { $0.support > 0 && $0.support < Double(SampleSize.categoryScenarios) }.map(\.label)
            if !small.isEmpty {
                out += "  warning: fewer than \(SampleSize.categoryScenarios) scenarios behind " + small.joined(separator: ", ") + "; their recall and F1 mean little\n"
            }
        }
        out += holmNote + "\n"
        if let tiers {
            out += "\ntiers (both runs counted by \(nameA)'s rules): ALWAYS escalated \(tiers.alwaysEscalatedA)/\(tiers.alwaysTotal) → \(tiers.alwaysEscalatedB)/\(tiers.alwaysTotal); "
            out += "NEVER false escalations \(tiers.falseEscalationsA)/\(tiers.neverTotal) → \(tiers.falseEscalationsB)/\(tiers.neverTotal)\n"
        }
        out += "\nlatency p50 \(RunReport.milliseconds(usageA.p50)) → \(RunReport.milliseconds(usageB.p50)), p95 \(RunReport.milliseconds(usageA.p95)) → \(RunReport.milliseconds(usageB.p95)); "
        out += "tokens \(usageA.tokens) → \(usageB.tokens); cost $\(String(format: "%.4f", usageA.costUSD)) → $\(String(format: "%.4f", usageB.costUSD))"
        if let perA = usageA.accuracyPerDollar, let perB = usageB.accuracyPerDollar {
            out += String(format: "; accuracy per dollar %.1f → %.1f", perA, perB)
        }
        out += "\n"
        if !flips.isEmpty {
            out += "\nFlipped scenarios (\(flips.filter { $0.direction == .regression }.count) pass→fail, \(flips.filter { $0.direction == .improvement }.count) fail→pass)\n"
            for flip in flips {
                out += "  \(flip.direction.rawValue)  " + ReportText.terminal("\(flip.suite)/\(flip.id)") + "\n"
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
        let icon = verdict.outcome == .worse ? "❌" : (verdict.outcome == .better ? "✅" : "➖")
        var out = "## \(icon) \(nameA) → \(nameB)\n\n\(verdict.text)\n\n"
        out += "| Field | \(nameA) | \(nameB) | B−A (\(Self.confidence(verdict.alpha)) CI, score) | McNemar b/c | p | p (Holm) |\n|---|---:|---:|---|---:|---:|---:|\n"
        for field in fields {
            out += "| \(field.field) | \(Self.pct(field.accuracyA)) | \(Self.pct(field.accuracyB)) | \(Self.points(field.difference.estimate)) (\(Self.points(field.difference.lower)) to \(Self.points(field.difference.upper))) | \(field.mcnemar.b)/\(field.mcnemar.c) | \(Self.p(field.mcnemar.pValue)) | \(field.adjustedPValue.map { Self.p($0) } ?? "primary") |\n"
        }
        out += "\n" + holmNote + "\n"
        if let tiers {
            out += "\nTiers (both runs counted by \(nameA)'s rules): ALWAYS escalated \(tiers.alwaysEscalatedA)/\(tiers.alwaysTotal) → \(tiers.alwaysEscalatedB)/\(tiers.alwaysTotal) · "
            out += "NEVER false escalations \(tiers.falseEscalationsA)/\(tiers.neverTotal) → \(tiers.falseEscalationsB)/\(tiers.neverTotal)\n"
        }
        if !flips.isEmpty {
            out += "\n| Flip | Scenario | \(nameA) | \(nameB) |\n|---|---|---|---|\n"
            for flip in flips {
                out += "| \(flip.direction.rawValue) | \(RunReport.cell("\(flip.suite)/\(flip.id)")) | \(RunReport.cell(Self.describe(flip.a))) | \(RunReport.cell(Self.describe(flip.b))) |\n"
            }
        }
        out += String(format: "\nLatency p95 %@ → %@ · cost $%.4f → $%.4f\n", RunReport.milliseconds(usageA.p95), RunReport.milliseconds(usageB.p95), usageA.costUSD, usageB.costUSD)
        return out
    }
}
