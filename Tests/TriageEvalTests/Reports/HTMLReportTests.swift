import Foundation
import Testing
import TriageEngine
@testable import TriageEval

/// The HTML page: escaping, the figures it must show, and that it references nothing outside itself.
@Suite("HTML report")
struct HTMLReportTests {
    static func page() -> String {
        HTMLReport(run: ReportFixtures.hostile, drift: [ReportFixtures.drift], comparison: ReportFixtures.comparison).render()
    }

    static func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    @Test func customerTextAppearsOnlyEscaped() {
        let html = Self.page()
        // No script element at all: every `<script>` from the run is text.
        #expect(!html.localizedCaseInsensitiveContains("<script"))
        #expect(!html.contains("<b>bye</b>"))
        let escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
        // The id (failure heading, flip row), the reply check and the error (run, and inside the hostile id).
        #expect(Self.count(escaped, in: html) >= 4)
        #expect(Self.count("alert(1)", in: html) == Self.count(escaped, in: html))
        // Quotes cannot close an attribute: the apostrophe of the hostile id is a reference wherever it appears.
        #expect(!html.contains("x' onmouseover"))
        #expect(html.contains("x&#39; onmouseover=&#39;y"))
        #expect(html.contains("provider said &quot;no&quot; &amp; &lt;b&gt;bye&lt;/b&gt;\u{FFFD}\u{FFFD}\u{FFFD}"))
    }

    @Test func showsTheFigures() {
        let report = ReportFixtures.hostile
        let html = Self.page()
        #expect(html.contains("<div class=\"big\" id=\"accuracy\">40.0%</div>"))
        #expect(html.contains("2/5 passed · 95% CI 11.8%–76.9%"))
        // Thin figures carry their warning (issue 9, point 5).
        #expect(html.contains("<p class=\"muted\">Warning: latency p99 of 5 scenario runs is the largest value or close to it (needs 100); so is p95 (needs 20).</p>"))
        #expect(html.contains("<td>category</td><td class=\"num\">3</td><td class=\"num\">5</td><td class=\"num\">60.0%</td>"))
        // A row for every category, with its metrics.
        for metric in report.categories {
            #expect(html.contains("<td>\(metric.label)</td><td class=\"num\">\(RunReport.metric(metric.precision))</td><td class=\"num\">\(RunReport.metric(metric.recall))</td>"))
        }
        // The heatmap: how_to → how_to twice (the largest count: darkest green, white text), how_to → other once.
        #expect(html.contains("<td style=\"background:hsl(140,55%,38%);color:#fff\" title=\"expected how_to, got how_to: 2\">2</td>"))
        #expect(html.contains("title=\"expected how_to, got other: 1\">1</td>"))
        #expect(html.contains("<td>ALWAYS escalated (recall)</td><td class=\"num\">1/2</td>"))
        // Every failure, with expected against actual and the deciding rule.
        #expect(Self.count("<div class=\"failure\">", in: html) == 3)
        #expect(html.contains("<tr><td>category</td><td><code>billing</code></td><td class=\"bad\"><code>how_to</code></td><td>✗</td></tr>"))
        #expect(html.contains("<p>Deciding rule: <code>billing-dispute</code> — test</p>"))
        #expect(html.contains("<li><code>contains &quot;refund, today&quot;</code> — reply was: &lt;script&gt;"))
    }

    @Test func showsTheComparisonFlipsAndTheTrend() {
        let comparison = ReportFixtures.comparison
        let html = Self.page()
        #expect(Self.count("<tr class=\"flip\">", in: html) == comparison.flips.count)
        #expect(html.contains("<tr class=\"flip\"><td><span class=\"badge fail\">pass→fail</span></td><td><code>s/s10</code></td>"
                              + "<td class=\"expected\">category=billing</td><td class=\"side\">billing · escalate → billing · normal · neutral</td>"
                              + "<td><code>billing-dispute</code></td><td class=\"side\">how_to · no escalation · normal · neutral<br>"
                              + "<span class=\"bad\">category: expected billing, got how_to</span></td><td>–</td></tr>"))
        #expect(html.contains(Markup.html(comparison.verdict.text)))
        // The trend: one point per run in the history, the reported run (#7) drawn larger, the interval as a band.
        #expect(html.contains("<svg class=\"trend\""))
        #expect(Self.count("<circle ", in: html) == 4)
        #expect(Self.count("r=\"6\"", in: html) == 1)
        #expect(html.contains("<title>run #7: 40.0% (95% CI 11.8%–76.9%), 5 scenario runs</title>"))
        #expect(Self.count("<polygon ", in: html) == 1)
        #expect(html.contains("<td>rules</td>"))
    }

    @Test func referencesNothingOutsideThePage() throws {
        let html = Self.page()
        #expect(!html.contains("http://"))
        #expect(!html.contains("https://"))
        #expect(!html.contains("<link"))
        #expect(!html.contains("@import"))
        #expect(!html.contains("url("))
        #expect(!html.contains("src="))
        #expect(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"))
        // Links only to the page's own sections, each of which exists.
        let targets = html.components(separatedBy: "href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        #expect(!targets.isEmpty)
        for target in targets {
            #expect(target.hasPrefix("#"))
            #expect(html.contains("id=\"\(target.dropFirst())\""))
        }
    }

    @Test func aRunAloneRendersWithoutTheOptionalSections() throws {
        let html = try RunReport.build(run: SyntheticResults.run(), results: SyntheticResults.results).render(.html)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.hasSuffix("</html>\n"))
        #expect(!html.contains("id=\"comparison\""))
        #expect(!html.contains("<svg"))
        #expect(html.contains("<p class=\"muted\">No gates were set for this run.</p>"))
    }

    @Test func comparisonAndDriftRefuseJUnitAndCSVByName() {
        let comparison = ReportFixtures.comparison
        #expect(throws: UnsupportedReportFormat.self) { try comparison.render(.junit) }
        do {
            _ = try ReportFixtures.drift.render(.csv)
            Issue.record("csv rendered")
        } catch {
            #expect("\(error)" == "a drift report does not render csv; it renders text, markdown or json (JUnit and CSV describe one run)")
        }
    }
}
