import Foundation

/// A run's report as one self-contained HTML page: summary with gates, per-field and per-category tables,
/// the confusion matrix as a heatmap, tier contracts, optionally the drift of suites (with a trend chart) and
/// an A/B comparison (with its flips side by side), and every failure.
///
/// The page needs no network: CSS is inline, charts are inline SVG, there is no script, and a
/// Content-Security-Policy of `default-src 'none'` forbids the browser to fetch anything. Every piece of text
/// that comes from scenarios, tickets, models or errors is HTML-escaped.
public struct HTMLReport: Sendable {
    /// The run.
    public var run: RunReport
    /// Drift reports to show, one section each (a trend chart of the suite's history).
    public var drift: [DriftReport]
    /// An A/B comparison to show (verdict, fields, flips).
    public var comparison: Comparison?
    /// More comparisons after it, one section each (`run --variant`: every pair of variants).
    public var moreComparisons: [Comparison]

    /// Creates the page's content.
    public init(run: RunReport, drift: [DriftReport] = [], comparison: Comparison? = nil, moreComparisons: [Comparison] = []) {
        self.run = run
        self.drift = drift
        self.comparison = comparison
        self.moreComparisons = moreComparisons
    }

    /// The HTML document.
    public func render() -> String {
        var sections: [(id: String, title: String, html: String)] = [
            ("summary", "Summary", summarySection()),
            ("fields", "Per field", fieldsSection()),
            ("categories", "Per category", categoriesSection()),
            ("confusion", "Confusion matrix", confusionSection()),
            ("tiers", "Tier contracts", tiersSection()),
        ]
        if let comparison { sections.append(("comparison", "A/B comparison", Self.comparisonSection(comparison))) }
        for (index, more) in moreComparisons.enumerated() {
            sections.append(("comparison-\(index + 2)", "A/B comparison: \(more.nameA) → \(more.nameB)", Self.comparisonSection(more)))
        }
        for (index, report) in drift.enumerated() {
            sections.append(("drift-\(index + 1)", "Drift: " + report.suite, driftSection(report)))
        }
        sections.append(("failures", "Failures (\(run.results.filter { !$0.passed }.count))", failuresSection()))

        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>triage-eval run #\(run.run.id)</title>
            <style>\(Self.stylesheet)</style>
            </head>
            <body>
            <main>

            """
        out += headerBlock()
        out += "<nav>" + sections.map { "<a href=\"#\($0.id)\">\(e($0.title))</a>" }.joined(separator: " ") + "</nav>\n"
        for section in sections {
            out += "<section id=\"\(section.id)\">\n<h2>\(e(section.title))</h2>\n\(section.html)</section>\n"
        }
        out += "<footer>triage-eval \(e(run.run.toolVersion)) · generated from run #\(run.run.id) · no network resources</footer>\n"
        out += "</main>\n</body>\n</html>\n"
        return out
    }

    func headerBlock() -> String {
        var out = "<header>\n<h1>triage-eval run #\(run.run.id) "
        if !run.gates.isEmpty { out += run.gatesPassed ? Self.badge("gates passed", "pass") : Self.badge("gates failed", "fail") }
        out += "</h1>\n<p class=\"muted\">\(e(run.run.status)) · started \(e(Self.date(run.run.startedAt)))"
        if let finished = run.run.finishedAt { out += " · finished \(e(Self.date(finished)))" }
        out += " · \(run.scenarioCount) scenario runs in \(run.suites.count) suite\(run.suites.count == 1 ? "" : "s")</p>\n</header>\n"
        return out
    }

    /// HTML-escapes text.
    func e(_ text: String) -> String { Markup.html(text) }

    static func badge(_ text: String, _ kind: String) -> String {
        "<span class=\"badge \(kind)\">\(Markup.html(text))</span>"
    }

    static func date(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    static func pct(_ value: Double) -> String { RunReport.percent(value) }

    static func interval(_ interval: ProportionInterval) -> String { pct(interval.lower) + "–" + pct(interval.upper) }

    /// A horizontal meter of an accuracy with its interval drawn over it.
    static func meter(_ value: Double, _ interval: ProportionInterval) -> String {
        let clamp = { (x: Double) in min(max(x, 0), 1) * 100 }
        return String(format: "<span class=\"meter\"><span class=\"fill\" style=\"width:%.1f%%\"></span><span class=\"ci\" style=\"left:%.1f%%;width:%.1f%%\"></span></span>",
                      clamp(value), clamp(interval.lower), max(clamp(interval.upper) - clamp(interval.lower), 0.5))
    }

    /// The page's inline CSS (the viewer's pages share it).
    public static let stylesheet = """

        :root { --ok: #1a7f37; --bad: #cf222e; --warn: #9a6700; --muted: #59636e; --line: #d1d9e0; --accent: #0969da; }
        * { box-sizing: border-box; }
        body { margin: 0; background: #f6f8fa; color: #1f2328; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
        main { max-width: 1200px; margin: 0 auto; padding: 20px 24px 40px; }
        header h1 { font-size: 24px; margin: 0 0 2px; }
        nav { margin: 8px 0 4px; } nav a { color: var(--accent); margin-right: 14px; text-decoration: none; font-size: 13px; }
        section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 14px 20px 18px; margin: 14px 0; overflow-x: auto; }
        h2 { font-size: 18px; margin: 0 0 12px; } h3 { font-size: 15px; margin: 14px 0 6px; }
        table { border-collapse: collapse; margin: 4px 0 8px; }
        th, td { padding: 4px 10px; border-bottom: 1px solid #eef1f4; text-align: left; vertical-align: top; }
        th { font-weight: 600; color: #393f46; background: #f6f8fa; }
        .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .muted, footer { color: var(--muted); } footer { font-size: 12px; margin-top: 18px; }
        .dim td { color: #8c959f; }
        code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; background: #f6f8fa; padding: 0 3px; border-radius: 3px; }
        .badge { display: inline-block; white-space: nowrap; overflow-wrap: normal; padding: 1px 9px; border-radius: 10px; font-size: 12px; font-weight: 600; color: #fff; vertical-align: middle; }
        .pass { background: var(--ok); } .fail { background: var(--bad); } .err { background: var(--warn); } .neutral { background: #6e7781; }
        .cards { display: flex; flex-wrap: wrap; gap: 12px; margin-bottom: 12px; }
        .card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; min-width: 200px; }
        .card .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
        .big { font-size: 34px; font-weight: 700; line-height: 1.15; }
        .ok { color: var(--ok); } .bad { color: var(--bad); font-weight: 600; }
        .meter { display: inline-block; position: relative; width: 140px; height: 10px; background: #eef1f4; border-radius: 5px; vertical-align: middle; }
        .meter .fill { position: absolute; left: 0; top: 0; bottom: 0; background: #54aeff; border-radius: 5px; }
        .meter .ci { position: absolute; top: 4px; height: 2px; background: #0a3069; }
        table.heat { border-collapse: separate; border-spacing: 2px; }
        table.heat td { width: 46px; height: 34px; text-align: center; vertical-align: middle; border: 0; border-radius: 3px; font-variant-numeric: tabular-nums; font-weight: 600; }
        table.heat th { background: none; border: 0; font-weight: 500; }
        table.heat th.col { writing-mode: vertical-rl; transform: rotate(180deg); text-align: left; vertical-align: bottom; padding: 4px 0; height: 120px; }
        table.heat th.row { text-align: right; white-space: nowrap; }
        table.heat td.zero { background: #f6f8fa; color: #c4cbd2; font-weight: 400; }
        .legend { font-size: 12px; color: var(--muted); }
        .swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; vertical-align: -1px; margin: 0 3px 0 8px; }
        .failure { border-top: 1px solid var(--line); padding-top: 4px; }
        .failure table { min-width: 420px; }
        .error { color: var(--bad); white-space: pre-wrap; }
        ul.checks { margin: 4px 0; padding-left: 20px; }
        table.flips { width: 100%; table-layout: fixed; } table.flips td { font-size: 13px; overflow-wrap: anywhere; }
        table.flips td.expected { color: #393f46; }
        svg text { font: 11px system-ui, sans-serif; fill: #59636e; }

        """
}
