import Foundation
import TriageEval

/// The pages of `triage-eval view`, rendered from a store through ``RunStore`` alone (SQLite or any other backend).
///
/// Pure of HTTP: ``page(for:)`` maps a route to a status and an HTML document, so routing and rendering are
/// tested without a server; ``ViewerServer`` puts it on 127.0.0.1. Every piece of text from the store
/// (scenario ids, tickets in request bodies, replies, errors) is escaped with ``Markup``.
public struct Viewer: Sendable {
    /// The store the pages read.
    public let store: any RunStore
    /// How many runs the list reads, newest first, before filtering.
    public var listLimit: Int
    /// How many completed runs a drift page shows.
    public var history: Int

    /// Creates the viewer of a store.
    public init(store: any RunStore, listLimit: Int = 1000, history: Int = 20) {
        self.store = store
        self.listLimit = listLimit
        self.history = history
    }

    /// The page of a request target (path and query).
    public func page(target: String) -> ViewerPage {
        page(for: ViewerRoute(target: target))
    }

    /// The page of a route; a failure of the store is a 500 page naming it.
    public func page(for route: ViewerRoute) -> ViewerPage {
        do {
            switch route {
            case .runs(let filter): return try runsPage(filter)
            case .run(let id): return try runPage(id)
            case .compare(let a, let b): return try comparePage(a: a, b: b)
            case .drift(let suite): return try driftPage(suite)
            case .scenario(let run, let suite, let scenario, let repeatIndex):
                return try scenarioPage(run: run, key: ResultKey(suite: suite, scenarioID: scenario, repeatIndex: repeatIndex))
            case .invalid(let status, let reason): return errorPage(status: status, reason: reason)
            }
        } catch {
            return errorPage(status: 500, reason: "cannot read the store \(store.location): \(error)")
        }
    }

    /// A 400, 404, 405 or 500 page with its reason and a way back.
    func errorPage(status: Int, reason: String) -> ViewerPage {
        let titles = [400: "Bad request", 404: "Not found", 405: "Method not allowed"]
        let title = titles[status] ?? "Store error"
        let body = "<section>\n<h2>\(status) \(title)</h2>\n<p id=\"reason\">\(ViewerLayout.e(reason))</p>\n"
            + "<p>\(ViewerLayout.link(.runs(RunFilter()), "Back to the runs"))</p>\n</section>\n"
        return ViewerPage(status: status, html: ViewerLayout.document(title: "\(status) \(title) · triage-eval", body: body))
    }

    /// The 404 page of a run the store does not have.
    func noRun(_ id: Int64) -> ViewerPage {
        errorPage(status: 404, reason: "no run #\(id) in \(store.location)")
    }
}
