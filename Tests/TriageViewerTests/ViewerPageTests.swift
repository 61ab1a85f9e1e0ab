import Foundation
import Testing
import TriageEngine
import TriageEval
@testable import TriageViewer

/// Every page over the fixture store: status codes, exact reasons, links, filters and escaping.
@Suite("Viewer pages")
struct ViewerPageTests {
    @Test func statusCodes() throws {
        let fixture = try ViewerFixture.make()
        defer { fixture.remove() }
        let viewer = Viewer(store: fixture.store)
        let expected: [(String, Int)] = [
            ("/", 200), ("/?suite=core", 200), ("/?status=nothing", 200),
            ("/runs/1", 200), ("/runs/2", 200), ("/runs/3", 200), ("/runs/99", 404), ("/runs/x", 404),
            ("/compare?a=1&b=2", 200), ("/compare?a=1&b=99", 404), ("/compare?a=99&b=1", 404), ("/compare?a=x&b=2", 400), ("/compare", 400),
            ("/drift/core", 200), ("/drift/edge", 404), ("/drift/nothing", 404),
            ("/runs/2/scenarios/core/hostile", 200), ("/runs/2/scenarios/core/refund?repeat=1", 200),
            ("/runs/2/scenarios/core/refund?repeat=2", 404), ("/runs/2/scenarios/core/refund?repeat=x", 400),
            ("/runs/3/scenarios/core/refund", 200), ("/runs/99/scenarios/core/refund", 404), ("/runs/1/scenarios/edge/refund", 404),
            ("/nothing", 404),
        ]
        for (target, status) in expected {
            #expect(viewer.page(target: target).status == status, "\(target)")
        }
    }

    @Test func notFoundPagesSayWhatIsMissing() throws {
        let fixture = try ViewerFixture.make()
        defer { fixture.remove() }
        let viewer = Viewer(store: fixture.store)
        let path = fixture.store.location
        #expect(viewer.page(target: "/runs/99").html.contains("<p id=\"reason\">no run #99 in \(path)</p>"))
        #expect(viewer.page(target: "/compare?a=1&b=99").html.contains("<p id=\"reason\">no run #99 in \(path)</p>"))
        #expect(viewer.page(target: "/drift/edge").html.contains("<p id=\"reason\">no completed run of suite &quot;edge&quot; in \(path)</p>"))
        #expect(viewer.page(target: "/runs/2/scenarios/core/refund?repeat=2").html
            .contains("<p id=\"reason\">run #2 has no result for core/refund repeat 2</p>"))
        #expect(viewer.page(target: "/compare?a=x&b=2").html.contains("<h2>400 Bad request</h2>"))
        #expect(viewer.page(target: "/nothing").html.contains("<h2>404 Not found</h2>"))
    }

    @Test func runsListLinksRunsComparisonsAndDriftOfSuitesWithACompletedRun() throws {
        let fixture = try ViewerFixture.make()
        defer { fixture.remove() }
        let html = Viewer(store: fixture.store).page(target: "/").html
        for link in ["/runs/1", "/runs/2", "/runs/3", "/compare?a=1&amp;b=2", "/compare?a=2&amp;b=3", "/drift/core",
                     "/?suite=edge", "/?model=gpt-test", "/?status=interrupted"] {
            #expect(html.contains("href=\"\(link)\""), "\(link)")
        }
        #expect(!html.contains("href=\"/drift/edge\""))
        #expect(html.contains("3 of the newest 3 runs"))
    }

    @Test(arguments: [
        ("/?model=gpt-test", [2]), ("/?suite=edge", [3]), ("/?status=completed", [1, 2]), ("/?model=builtin-lexical&status=completed", [1]),
        ("/?suite=core", [1, 2, 3]), ("/?suite=nothing", []),
    ])
    func filtersNarrowTheList(target: String, runs: [Int]) throws {
        let fixture = try ViewerFixture.make()
        defer { fixture.remove() }
        let html = Viewer(store: fixture.store).page(target: target).html
        for id in 1...3 {
            #expect(html.contains("href=\"/runs/\(id)\"") == runs.contains(id), "run \(id) in \(target)")
        }
        #expect(html.contains("\(runs.count) of the newest 3 runs"))
        if runs.isEmpty { #expect(html.contains("No run matches these filters.")) }
    }

    @Test func anEmptyStoreSaysHowToMakeARun() throws {
        let fixture = try ViewerFixture.empty()
        defer { fixture.remove() }
        let page = Viewer(store: fixture.store).page(target: "/")
        #expect(page.status == 200)
        #expect(page.html.contains("<h2>No runs yet</h2>"))
        #expect(page.html.contains("<pre>triage-eval run --db \(fixture.store.location)</pre>"))
    }

    @Test func runPageIsTheReportWithLinksToEveryScenarioRun() throws {
        let fixture = try ViewerFixture.make()
        defer { fixture.remove() }
        let html = Viewer(store: fixture.store).page(target: "/runs/2").html
        #expect(html.contains("<h1>triage-eval run #2 "))
        #expect(html.contains("<section id=\"drift-1\">"))
        #expect(html.contains("<nav class=\"viewer\"><a href=\"/\">triage-eval runs</a><span>run #2</span></nav>"))
        for link in ["/runs/2/scenarios/core/hostile", "/runs/2/scenarios/core/refund", "/runs/2/scenarios/core/refund?repeat=1"] {
            #expect(html.contains("href=\"\(link)\""), "\(link)")
        }
        #expect(html.contains("<h2>Scenario runs (3)</h2>"))
    }

    @Test func comparePageAndDriftPageReuseTheReport() throws {
        let fixture = try ViewerFixture.make()
        defer { fixture.remove() }
        let viewer = Viewer(store: fixture.store)
        let compare = viewer.page(target: "/compare?a=1&b=2").html
        #expect(compare.contains("<section id=\"comparison\">"))
        #expect(compare.contains("<strong>#1</strong> (run #1, builtin-lexical) → <strong>#2</strong> (run #2, gpt-test)"))
        let drift = viewer.page(target: "/drift/core").html
        #expect(drift.contains("<h2>Drift: core</h2>"))
        #expect(drift.contains("<svg class=\"trend\""))
    }

    @Test func scenarioPageShowsChecksTraceReplyAndTheRenderedRequest() throws {
        let fixture = try ViewerFixture.make()
        defer { fixture.remove() }
        let html = Viewer(store: fixture.store).page(target: "/runs/2/scenarios/core/hostile").html
        #expect(html.contains("<td>category</td><td><code>billing</code></td><td class=\"bad\">account</td><td>✗</td>"))
        #expect(html.contains("<tr><td><code>billing-dispute</code></td><td>always</td><td>yes</td><td>category is billing</td></tr>"))
        #expect(html.contains("<h2>Model calls (1)</h2>"))
        #expect(html.contains("&quot;model&quot; : &quot;gpt-test&quot;"))
        #expect(html.contains("href=\"/runs/2\""))
        let refund = Viewer(store: fixture.store).page(target: "/runs/2/scenarios/core/refund").html
        #expect(refund.contains("href=\"/runs/2/scenarios/core/refund?repeat=1\""))
        let errored = Viewer(store: fixture.store).page(target: "/runs/3/scenarios/core/refund").html
        #expect(errored.contains("<p class=\"error\">ModelError(timeout) (timeout)</p>"))
    }

    /// The built-in engine stores no ticket: the page reads it again from the run's suite file while that file is
    /// unchanged (markup in it stays text), and says why not when it changed, moved, or the run kept no rules path.
    @Test func scenarioPageShowsTheTicketFromTheRunsUnchangedSuiteFile() throws {
        let fixture = try ViewerFixture.empty()
        defer { fixture.remove() }
        let suite = fixture.directory.appendingPathComponent("core.yaml").path
        try """
            suite: core
            scenarios:
              - id: refund
                channel: email
                plan: pro
                customer: Dana K.
                subject: 'Charged twice \(ViewerFixture.script)'
                messages:
                  - role: customer
                    text: 'I was charged twice \(ViewerFixture.image)'
                expect: {category: billing}

            """.write(toFile: suite, atomically: true, encoding: .utf8)
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        var run = ViewerFixture.run(suites: ["core"], model: nil, planned: 1, at: 1_700_000_000)
        run.sources = [SourceFile(kind: "rules", path: root + "/rules/taxonomy.yaml", sha256: "unchecked"),
                       SourceFile(kind: "suite", path: suite, sha256: try YAMLFile.read(path: suite).sha256)]
        let id = try fixture.store.startRun(run)
        try fixture.store.append([ViewerFixture.result(0, "refund", passed: true)], run: id)
        try fixture.store.finishRun(id, status: .completed, at: Date(timeIntervalSince1970: 1_700_000_010))
        let viewer = Viewer(store: fixture.store)

        let html = viewer.page(target: "/runs/\(id)/scenarios/core/refund").html
        #expect(html.contains("""
            <section id="ticket">
            <h2>Ticket</h2>
            <p class="muted"><code>email</code> · plan <code>pro</code> · Dana K. · from <code>\(suite):3</code></p>
            <p><strong>Charged twice &lt;script&gt;alert(1)&lt;/script&gt;</strong></p>
            <p class="muted">customer</p>
            <pre>I was charged twice &quot;&gt;&lt;img src=x onerror=alert(1)&gt;</pre>
            </section>
            """))

        let handle = try #require(FileHandle(forWritingAtPath: suite))
        handle.seekToEndOfFile()
        handle.write(Data("# edited\n".utf8))
        try handle.close()
        #expect(viewer.page(target: "/runs/\(id)/scenarios/core/refund").html.contains(
            "<p class=\"muted\">Not shown: the suite file \(suite) has changed since the run (its SHA-256 differs).</p>"))
        try FileManager.default.removeItem(atPath: suite)
        #expect(viewer.page(target: "/runs/\(id)/scenarios/core/refund").html.contains(
            "<p class=\"muted\">Not shown: the suite file \(suite) is no longer there (paths are read from where the command was started).</p>"))
        let old = try ViewerFixture.make()
        defer { old.remove() }
        #expect(Viewer(store: old.store).page(target: "/runs/1/scenarios/core/refund").html.contains(
            "<p class=\"muted\">Not shown: the run recorded no rules directory, so its suite files cannot be read again.</p>"))
    }

    /// The ticket's `<script>` and `"><img onerror=…>` reach the page as text on every page that shows them.
    @Test(arguments: ["/runs/2/scenarios/core/hostile", "/runs/2", "/compare?a=1&b=2"])
    func hostileTicketStaysText(target: String) throws {
        let fixture = try ViewerFixture.make()
        defer { fixture.remove() }
        let html = Viewer(store: fixture.store).page(target: target).html
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        if target.contains("scenarios") {
            #expect(html.contains("Hi &quot;&gt;&lt;img src=x onerror=alert(1)&gt;, thanks for writing &lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(html.contains("Message: &lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(html.contains("contains &lt;script&gt;alert(1)&lt;/script&gt;"))
        } else {
            #expect(html.contains("subject quoted: &lt;script&gt;alert(1)&lt;/script&gt;"))
        }
    }

    @Test func hostileNamesInLinksAreEscapedAndEncoded() {
        let route = ViewerRoute.scenario(run: 1, suite: "s", scenario: ViewerFixture.image, repeatIndex: 0)
        let link = ViewerLayout.link(route, ViewerFixture.image)
        #expect(link == "<a href=\"/runs/1/scenarios/s/%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E\">&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</a>")
    }
}
