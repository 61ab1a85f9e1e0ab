import Foundation

extension DriftReport {
    /// Renders in a format: text, markdown or json; HTML needs a run's report (``HTMLReport``), and
    /// JUnit and CSV list a single run's scenarios, so those throw ``UnsupportedReportFormat``.
    public func render(_ format: ReportFormat) throws -> String {
        switch format {
        case .junit, .csv, .html:
            throw UnsupportedReportFormat(report: "a drift report", format: format, supported: [.text, .markdown, .json],
                                          hint: format == .html ? "render HTMLReport(run:drift:)" : "JUnit and CSV describe one run")
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
        case .text, .markdown:
            return renderText(markdown: format == .markdown)
        }
    }

    func renderText(markdown: Bool) -> String {
        var out = markdown ? "## Drift of suite `\(suite)`\n\n" : "drift of suite \(suite): latest run #\(latest.id)"
        if !markdown { out += baseline.map { ", baseline #\($0.id)\n" } ?? ", no baseline (compared with the previous run; approve one with `triage-eval baseline set RUN`)\n" }
        else { out += "Latest run #\(latest.id)" + (baseline.map { ", baseline #\($0.id)" } ?? ", no baseline (compared with the previous run)") + ".\n\n" }
        if let attribution { out += (markdown ? "**Attribution**: " : "attribution: ") + attribution.text + "\n" }
        if let comparison { out += (markdown ? "\n**Verdict**: " : "verdict: ") + comparison.verdict.text + "\n" }
        out += markdown ? "\n| Run | Started | Scenarios | Accuracy | 95% CI | p95 latency | Cost | Changed |\n|---|---|---:|---:|---|---:|---:|---|\n"
                        : "\ntrend (oldest first)\n  run   started               n  accuracy  95% CI          p95        cost      changed\n"
        let dates = ISO8601DateFormatter()
        for point in trend {
            let ci = "\(RunReport.percent(point.interval.lower))–\(RunReport.percent(point.interval.upper))"
            let changed = point.changed.isEmpty ? "-" : point.changed.joined(separator: ",")
            if markdown {
                out += "| #\(point.run) | \(dates.string(from: point.startedAt)) | \(point.scenarios) | \(RunReport.percent(point.accuracy)) | \(ci) | \(RunReport.milliseconds(point.p95LatencyMs)) | $\(String(format: "%.4f", point.costUSD)) | \(changed) |\n"
            } else {
                out += "  " + RunReport.pad("#\(point.run)", 6) + RunReport.pad(dates.string(from: point.startedAt), 21) + RunReport.lpad(String(point.scenarios), 4)
                    + RunReport.lpad(RunReport.percent(point.accuracy), 9) + "  " + RunReport.pad(ci, 15) + RunReport.lpad(RunReport.milliseconds(point.p95LatencyMs), 10)
                    + RunReport.lpad(String(format: "$%.4f", point.costUSD), 11) + "  " + changed + "\n"
            }
        }
        if !shift.isEmpty {
            out += markdown ? "\n| Field | PSI (+0.5 smoothed) | JS divergence (bits) |\n|---|---:|---:|\n"
                            : "\nlabel distribution shift    PSI (+0.5)  JS divergence (bits)\n"
            for field in shift {
                out += markdown ? "| \(field.field) | \(String(format: "%.4f", field.psi)) | \(String(format: "%.4f", field.js)) |\n"
                                : "  " + RunReport.pad(field.field, 26) + RunReport.lpad(String(format: "%.4f", field.psi), 10) + RunReport.lpad(String(format: "%.4f", field.js), 22) + "\n"
            }
        }
        if let comparison, !comparison.flips.isEmpty {
            out += "\nverdict flips since \(comparison.nameA)\n"
            for flip in comparison.flips {
                out += "  \(flip.direction.rawValue)  \(flip.suite)/\(flip.id)\n    before: \(Comparison.describe(flip.a))\n    now:    \(Comparison.describe(flip.b))\n"
            }
        }
        for warning in warnings { out += (markdown ? "\n> ⚠️ " : "\nwarning: ") + warning + "\n" }
        if stability.isEmpty {
            out += "\nflakiness: the latest run has one repeat per scenario; run with --repeat K to measure it\n"
        } else {
            let flaky = stability.filter { $0.label != .stable }
            out += "\nstability over \(stability.first?.trials ?? 0) repeats: \(stability.filter { $0.label == .stable }.count) stable, \(stability.filter { $0.label == .flaky }.count) flaky, \(stability.filter { $0.label == .broken }.count) broken\n"
            if let repeats {
                out += "  mean pass rate \(RunReport.percent(repeats.meanPassRate)) (95% CI \(RunReport.percent(repeats.meanPassRateInterval.lower))–\(RunReport.percent(repeats.meanPassRateInterval.upper)) over \(repeats.scenarios) scenarios); "
                out += repeats.passHatK.enumerated().map { String(format: "pass^%d %.3f", $0.offset + 1, $0.element) }.joined(separator: ", ")
                out += "; flaky \(repeats.flaky)/\(repeats.scenarios) = \(RunReport.percent(repeats.flakyShare)) (95% CI \(RunReport.percent(repeats.flakyInterval.lower))–\(RunReport.percent(repeats.flakyInterval.upper)))\n"
            }
            for item in flaky {
                out += "  " + RunReport.pad(item.label.rawValue, 7) + RunReport.pad(item.id, 44) + String(format: "pass rate %.2f  pass^%d %.3f", item.passRate, item.trials, item.passK.last ?? 0) + "\n"
            }
        }
        return out
    }
}
