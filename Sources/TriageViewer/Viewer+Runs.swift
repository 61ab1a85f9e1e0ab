import Foundation
import TriageEval

extension Viewer {
    /// `/`: the newest runs that pass the filter, with links to filter by suite, model and status, to each
    /// run, to its comparison with the run before it, and to the drift of each suite with a completed run.
    func runsPage(_ filter: RunFilter) throws -> ViewerPage {
        let all = try store.runs(limit: listLimit)
        guard !all.isEmpty else { return emptyStorePage() }
        let shown = all.filter(filter.matches)
        let drifting = Set(all.filter { $0.status == .completed }.flatMap(\.suites))
        typealias L = ViewerLayout

        var body = "<header>\n<h1>Runs</h1>\n<p class=\"muted\">\(shown.count) of the newest \(all.count) runs in \(L.e(store.location))"
        body += filter.isEmpty ? "" : " · " + L.link(.runs(RunFilter()), "clear filters")
        body += "</p>\n</header>\n<section class=\"filters\" id=\"filters\">\n"
        let suites = Array(Set(all.flatMap(\.suites))).sorted()
        let models = Array(Set(all.map(RunFilter.model(of:)))).sorted()
        let statuses = Array(Set(all.map(\.status.rawValue))).sorted()
        func row(_ title: String, _ values: [String], _ current: String?, _ set: (inout RunFilter, String?) -> Void) -> String {
            var out = "<p><strong>\(title):</strong> "
            var cleared = filter
            set(&cleared, nil)
            out += L.link(.runs(cleared), "any", attributes: current == nil ? " class=\"on\"" : "") + " "
            for value in values {
                var next = filter
                set(&next, value)
                out += L.link(.runs(next), value, attributes: current == value ? " class=\"on\"" : "") + " "
            }
            return out + "</p>\n"
        }
        body += row("Suite", suites, filter.suite) { $0.suite = $1 }
        body += row("Model", models, filter.model) { $0.model = $1 }
        body += row("Status", statuses, filter.status) { $0.status = $1 }
        body += "</section>\n<section id=\"runs\">\n"
        if shown.isEmpty {
            body += "<p class=\"muted\">No run matches these filters.</p>\n"
        } else {
            body += "<table>\n<tr><th>Run</th><th>Status</th><th>Started</th><th>Model</th><th>Suites</th><th class=\"num\">Results</th><th>Commit</th><th></th></tr>\n"
            // The run before each one in the whole list, so "compare" pairs neighbours even when filtered.
            let previous = Dictionary(uniqueKeysWithValues: zip(all.map(\.id), all.dropFirst().map(\.id) + [0]))
            for run in shown {
                let stored = try store.resultCount(run: run.id)
                body += "<tr><td>\(L.link(.run(run.id), "#\(run.id)"))</td><td>\(L.statusBadge(run.status.rawValue))</td>"
                body += "<td class=\"nowrap\">\(L.e(L.date(run.startedAt)))</td><td class=\"nowrap\"><code>\(L.e(RunFilter.model(of: run)))</code></td><td>"
                body += run.suites.map { drifting.contains($0) ? L.link(.drift(suite: $0), $0) : L.e($0) }.joined(separator: ", ")
                body += "</td><td class=\"num\">\(stored)/\(run.plannedResults)</td><td><code>\(L.e(run.gitCommit.map { String($0.prefix(12)) } ?? "–"))</code></td><td class=\"nowrap\">"
                if let before = previous[run.id], before > 0 { body += L.link(.compare(a: before, b: run.id), "compare with #\(before)") }
                body += "</td></tr>\n"
            }
            body += "</table>\n"
        }
        body += "</section>\n"
        return ViewerPage(status: 200, html: L.document(title: "triage-eval runs", body: body))
    }

    /// `/` over a store without runs: how to make one.
    func emptyStorePage() -> ViewerPage {
        let body = """
            <section id="empty">
            <h2>No runs yet</h2>
            <p>The store \(ViewerLayout.e(store.location)) has no runs. Make one, then reload this page:</p>
            <pre>triage-eval run --db \(ViewerLayout.e(store.location))</pre>
            <p class="muted">A run evaluates the suites in <code>scenarios/</code> offline with the built-in engine and stores its results here.</p>
            </section>

            """
        return ViewerPage(status: 200, html: ViewerLayout.document(title: "triage-eval runs", body: body))
    }
}
