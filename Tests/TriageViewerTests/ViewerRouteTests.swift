import Testing
@testable import TriageViewer

/// Request targets to routes and back.
@Suite("Viewer routes")
struct ViewerRouteTests {
    @Test(arguments: [
        ("/", ViewerRoute.runs(RunFilter())),
        ("/?suite=core&status=completed", .runs(RunFilter(suite: "core", status: "completed"))),
        ("/?model=gpt-test&suite=", .runs(RunFilter(model: "gpt-test"))),
        ("/runs/12", .run(12)),
        ("/runs/12/", .run(12)),
        ("/compare?a=3&b=4", .compare(a: 3, b: 4)),
        ("/drift/core", .drift(suite: "core")),
        ("/drift/a%20b%2Fc", .drift(suite: "a b/c")),
        ("/runs/2/scenarios/core/refund", .scenario(run: 2, suite: "core", scenario: "refund", repeatIndex: 0)),
        ("/runs/2/scenarios/core/refund?repeat=3", .scenario(run: 2, suite: "core", scenario: "refund", repeatIndex: 3)),
        ("/runs/abc", .invalid(status: 404, reason: "no run \"abc\": runs are numbered")),
        ("/runs/0", .invalid(status: 404, reason: "no run \"0\": runs are numbered")),
        ("/compare?a=3", .invalid(status: 400, reason: "compare needs two runs: /compare?a=RUN&b=RUN")),
        ("/compare?a=x&b=4", .invalid(status: 400, reason: "run A must be a run number, got \"x\"")),
        ("/compare?a=3&b=-4", .invalid(status: 400, reason: "run B must be a run number, got \"-4\"")),
        ("/runs/2/scenarios/core/refund?repeat=-1", .invalid(status: 400, reason: "repeat must be a number from 0, got \"-1\"")),
        ("/favicon.ico", .invalid(status: 404, reason: "no page at /favicon.ico")),
        ("/runs/2/scenarios/core", .invalid(status: 404, reason: "no page at /runs/2/scenarios/core")),
    ])
    func parses(target: String, route: ViewerRoute) {
        #expect(ViewerRoute(target: target) == route)
    }

    @Test(arguments: [
        ViewerRoute.runs(RunFilter()),
        .runs(RunFilter(suite: "a&b=c", model: "m o", status: "completed")),
        .run(7),
        .compare(a: 1, b: 2),
        .drift(suite: "a b/c?d#e"),
        .scenario(run: 3, suite: "s/1", scenario: "x<y>\"", repeatIndex: 0),
        .scenario(run: 3, suite: "s", scenario: "x", repeatIndex: 2),
    ])
    func linksParseBackToTheirRoute(route: ViewerRoute) {
        #expect(ViewerRoute(target: route.target) == route)
    }

    @Test func targetsAreThePathsTheReadmeNames() {
        #expect(ViewerRoute.runs(RunFilter(suite: "core", status: "completed")).target == "/?suite=core&status=completed")
        #expect(ViewerRoute.compare(a: 1, b: 2).target == "/compare?a=1&b=2")
        #expect(ViewerRoute.drift(suite: "a b").target == "/drift/a%20b")
        #expect(ViewerRoute.scenario(run: 3, suite: "core", scenario: "refund", repeatIndex: 0).target == "/runs/3/scenarios/core/refund")
        #expect(ViewerRoute.scenario(run: 3, suite: "core", scenario: "refund", repeatIndex: 1).target == "/runs/3/scenarios/core/refund?repeat=1")
    }
}
