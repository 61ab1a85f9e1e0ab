import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
@testable import TriageViewer

/// The viewer in a real browser: starts it on a free port over the fixture store, then from `/` crawls every
/// link headless Chromium finds in the rendered DOM. Opt-in like the HTML report's browser test, as it needs
/// Chromium (Debian: `apt-get install -y chromium`; `CHROMIUM` overrides the binary):
///
///     TRIAGE_EVAL_BROWSER=1 swift test --filter ViewerBrowserTests
///
/// For each page: Chromium (`--headless --dump-dom --enable-logging=stderr --v=0`) exits 0 and renders a
/// `<main>`; its console stays clean (Chromium logs every console message, script error and
/// Content-Security-Policy refusal as `…:CONSOLE…` on standard error); the server answers 200 (no link
/// leads to a 404); and the hostile ticket's `<script>` and `<img onerror>` are text, never elements.
@Suite("Viewer in Chromium", .enabled(if: ProcessInfo.processInfo.environment["TRIAGE_EVAL_BROWSER"] == "1"), .serialized)
struct ViewerBrowserTests {
    static let chromium = ProcessInfo.processInfo.environment["CHROMIUM"] ?? "/usr/bin/chromium"

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs Chromium headless on a URL without blocking a thread the server needs; stopped after two minutes.
    static func chromium(_ arguments: [String], url: URL, directory: URL) async throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=" + directory.appendingPathComponent("profile").path]
            + arguments + [url.absoluteString]
        let name = UUID().uuidString
        let outURL = directory.appendingPathComponent(name + ".out")
        let errURL = directory.appendingPathComponent(name + ".err")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        defer { try? out.close(); try? err.close() }
        process.standardOutput = out
        process.standardError = err
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error); return }
            let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
            DispatchQueue.global().asyncAfter(deadline: .now() + 120, execute: watchdog)
        }
        return Output(status: status, stdout: try String(contentsOf: outURL, encoding: .utf8), stderr: try String(contentsOf: errURL, encoding: .utf8))
    }

    /// The same-site links of a DOM, as request targets (fragments dropped, `&amp;` undone).
    static func links(in dom: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: "href=\"([^\"]*)\"")
        let range = NSRange(dom.startIndex..., in: dom)
        return pattern.matches(in: dom, range: range).compactMap { match in
            guard let found = Range(match.range(at: 1), in: dom) else { return nil }
            let href = dom[found].replacingOccurrences(of: "&amp;", with: "&")
            let target = String(href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
            return target.hasPrefix("/") ? target : nil
        }
    }

    @Test func everyLinkFromTheRunsListRendersResolvesAndKeepsTheHostileTicketText() async throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.chromium), "no Chromium at \(Self.chromium); apt-get install -y chromium, or set CHROMIUM")
        let fixture = try ViewerFixture.make()
        defer { fixture.remove() }
        try await ViewerServerTests.withServer(Viewer(store: fixture.store)) { url in
            let base = String(url.absoluteString.dropLast())
            var queue = ["/"]
            var seen: Set<String> = ["/"]
            var pages: [String: String] = [:]
            while !queue.isEmpty {
                let target = queue.removeFirst()
                let pageURL = URL(string: base + target)!
                let (_, response) = try await URLSession.shared.data(from: pageURL)
                #expect((response as? HTTPURLResponse)?.statusCode == 200, "\(target) is linked but does not resolve")
                let dom = try await Self.chromium(["--enable-logging=stderr", "--v=0", "--dump-dom"], url: pageURL, directory: fixture.directory)
                #expect(dom.status == 0, "chromium on \(target): \(dom.stderr.suffix(2000))")
                #expect(dom.stdout.contains("<main>") && dom.stdout.contains("</html>"), "\(target) rendered no page")
                let console = dom.stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") || $0.contains("Uncaught") }
                #expect(console.isEmpty, "console on \(target): \(console.joined(separator: "\n"))")
                #expect(!dom.stdout.contains("<script"), "\(target) has a script element")
                #expect(!dom.stdout.contains("<img"), "\(target) has an image element")
                pages[target] = dom.stdout
                for link in Self.links(in: dom.stdout) where seen.insert(link).inserted { queue.append(link) }
            }
            // Every kind of page was reached from `/`.
            for target in ["/runs/1", "/runs/2", "/runs/3", "/compare?a=1&b=2", "/drift/core", "/runs/2/scenarios/core/hostile",
                           "/runs/2/scenarios/core/refund?repeat=1", "/runs/3/scenarios/core/refund", "/?model=gpt-test"] {
                #expect(pages[target] != nil, "\(target) is not linked from anywhere")
            }
            let hostile = try #require(pages["/runs/2/scenarios/core/hostile"])
            #expect(hostile.contains("Hi \"&gt;&lt;img src=x onerror=alert(1)&gt;, thanks for writing &lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(hostile.contains("Message: &lt;script&gt;alert(1)&lt;/script&gt;"))
        }
    }
}
