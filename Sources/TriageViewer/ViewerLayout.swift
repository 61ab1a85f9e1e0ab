import Foundation
import TriageEval

/// The viewer's page shell and small pieces: the report's stylesheet, a bar of links, escaping through ``Markup``.
enum ViewerLayout {
    /// CSS for the viewer's own pieces, after the report's.
    static let stylesheet = """
        nav.viewer { background: #24292f; margin: 0; padding: 8px 24px; font-size: 13px; }
        nav.viewer a { color: #fff; margin-right: 16px; text-decoration: none; font-weight: 600; }
        nav.viewer span { color: #c8d1da; margin-right: 16px; }
        .filters a { margin-right: 10px; } .filters .on { font-weight: 700; }
        pre { background: #f6f8fa; border: 1px solid #eef1f4; border-radius: 6px; padding: 8px 10px; white-space: pre-wrap; overflow-wrap: anywhere; font-size: 12.5px; }
        td a, p a { color: var(--accent); } .nowrap { white-space: nowrap; }

        """

    /// HTML-escapes text (``Markup/html(_:)``).
    static func e(_ text: String) -> String { Markup.html(text) }

    /// A link to a route.
    static func link(_ route: ViewerRoute, _ text: String, attributes: String = "") -> String {
        "<a href=\"\(e(route.target))\"\(attributes)>\(e(text))</a>"
    }

    /// A badge in the report's colours.
    static func badge(_ text: String, _ kind: String) -> String {
        "<span class=\"badge \(kind)\">\(e(text))</span>"
    }

    /// The badge of a run or result status.
    static func statusBadge(_ status: String) -> String {
        switch status {
        case "passed", "completed": return badge(status, "pass")
        case "failed": return badge(status, "fail")
        case "errored", "interrupted": return badge(status, "err")
        default: return badge(status, "neutral")
        }
    }

    /// A date as ISO 8601 in UTC.
    static func date(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// The viewer's bar: home, then the page's own trail (already HTML).
    static func bar(_ trail: [String]) -> String {
        "<nav class=\"viewer\">" + link(.runs(RunFilter()), "triage-eval runs") + trail.map { "<span>\($0)</span>" }.joined() + "</nav>\n"
    }

    /// A whole document around a body (already HTML); the same policy as the report: nothing is fetched, no script.
    static func document(title: String, trail: [String] = [], body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(e(title))</title>
        <style>\(HTMLReport.stylesheet)\(stylesheet)</style>
        </head>
        <body>
        \(bar(trail))<main>
        \(body)</main>
        </body>
        </html>

        """
    }

    /// A report page (``HTMLReport/render()``) with the viewer's bar above it and `extra` sections before its footer.
    static func around(_ report: String, trail: [String], extra: String = "") -> String {
        var page = report
        if let style = page.range(of: "</style>") { page.insert(contentsOf: stylesheet, at: style.lowerBound) }
        if let body = page.range(of: "<body>\n") { page.insert(contentsOf: bar(trail), at: body.upperBound) }
        if !extra.isEmpty, let footer = page.range(of: "<footer>", options: .backwards) { page.insert(contentsOf: extra, at: footer.lowerBound) }
        return page
    }
}
