import Foundation
import TriageEval

extension Viewer {
    /// `/runs/ID`: the run's HTML report as `report --format html` renders it (with the drift of its suites and
    /// the comparison with a baseline), and a list of its scenario runs linking to each one.
    func runPage(_ id: Int64) throws -> ViewerPage {
        guard let report = try HTMLReport.build(run: id, store: store, history: history) else { return noRun(id) }
        let extra = scenarioList(report.run)
        let html = ViewerLayout.around(report.render(), trail: ["run #\(id)"], extra: extra)
        return ViewerPage(status: 200, html: html)
    }

    /// How many scenario runs a run page lists (failures first); the rest are named by count.
    static let listedScenarios = 500

    /// The run's scenario runs, failed and errored first, each linking to its page.
    func scenarioList(_ report: RunReport) -> String {
        typealias L = ViewerLayout
        let ordered = report.results.filter { !$0.passed } + report.results.filter(\.passed)
        var out = "<section id=\"scenarios\">\n<h2>Scenario runs (\(ordered.count))</h2>\n<table>\n"
        out += "<tr><th>Scenario</th><th>Repeat</th><th>Status</th><th>Deciding rule</th><th class=\"num\">Latency</th></tr>\n"
        for result in ordered.prefix(Self.listedScenarios) {
            let route = ViewerRoute.scenario(run: report.run.id, suite: result.suite, scenario: result.id, repeatIndex: result.repeat)
            out += "<tr><td>\(L.link(route, result.suite + "/" + result.id))</td><td class=\"num\">\(result.repeat)</td>"
            out += "<td>\(L.statusBadge(result.status))</td><td>\(result.decidingRule.map { "<code>\(L.e($0))</code>" } ?? "–")</td>"
            out += String(format: "<td class=\"num\">%.1f ms</td></tr>\n", result.latencyMs)
        }
        out += "</table>\n"
        if ordered.count > Self.listedScenarios {
            out += "<p class=\"muted\">\(ordered.count - Self.listedScenarios) more passed scenario runs are not listed; open one by its address.</p>\n"
        }
        return out + "</section>\n"
    }

    /// `/compare?a=ID&b=ID`: run B's summary with the comparison against A, as `compare --format html` renders it.
    func comparePage(a: Int64, b: Int64) throws -> ViewerPage {
        guard let inputA = try Comparison.Input.load(run: a, from: store, name: "#\(a)") else { return noRun(a) }
        guard let inputB = try Comparison.Input.load(run: b, from: store, name: "#\(b)"),
              let report = try RunReport.build(run: b, store: store) else { return noRun(b) }
        let comparison = Comparison.build(a: inputA, b: inputB)
        let trail = [ViewerLayout.link(.run(a), "run #\(a)") + " → " + ViewerLayout.link(.run(b), "run #\(b)")]
        let html = ViewerLayout.around(HTMLReport(run: report, comparison: comparison).render(), trail: trail)
        return ViewerPage(status: 200, html: html)
    }

    /// `/drift/SUITE`: the suite's trend, attribution and stability over its completed runs, on the page of its
    /// latest run, as `drift --suite SUITE --format html` renders it.
    func driftPage(_ suite: String) throws -> ViewerPage {
        guard let drift = try DriftReport.build(store: store, suite: suite, history: history),
              let report = try RunReport.build(run: drift.latest.id, store: store) else {
            return errorPage(status: 404, reason: "no completed run of suite \"\(suite)\" in \(store.location)")
        }
        let trail = ["drift of " + ViewerLayout.e(suite), ViewerLayout.link(.run(drift.latest.id), "latest run #\(drift.latest.id)")]
        let html = ViewerLayout.around(HTMLReport(run: report, drift: [drift], comparison: drift.comparison).render(), trail: trail)
        return ViewerPage(status: 200, html: html)
    }
}
