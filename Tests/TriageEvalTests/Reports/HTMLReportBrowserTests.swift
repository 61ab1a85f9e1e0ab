import Foundation
import Testing
@testable import TriageEval

/// The HTML page in a real browser: headless Chromium renders it, takes a screenshot and dumps the DOM.
/// Opt-in, as it needs Chromium (Debian: `apt-get install -y chromium`):
///
///     TRIAGE_EVAL_BROWSER=1 swift test --filter HTMLReportBrowserTests
///
/// It runs, in a temporary directory (`CHROMIUM` overrides the binary):
///
///     chromium --headless --no-sandbox --disable-gpu --user-data-dir=DIR/profile \
///         --screenshot=DIR/report.png --window-size=1280,2400 file://DIR/report.html
///     chromium --headless --no-sandbox --disable-gpu --user-data-dir=DIR/profile \
///         --enable-logging=stderr --v=0 --dump-dom file://DIR/report.html
///
/// Chromium logs every console message as `…:CONSOLE:…` on standard error, including script errors
/// ("Uncaught …") and Content-Security-Policy refusals (a blocked fetch); the page has no script and
/// fetches nothing, so there must be none.
@Suite("HTML report in Chromium", .enabled(if: ProcessInfo.processInfo.environment["TRIAGE_EVAL_BROWSER"] == "1"), .serialized)
struct HTMLReportBrowserTests {
    static let chromium = ProcessInfo.processInfo.environment["CHROMIUM"] ?? "/usr/bin/chromium"

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs Chromium headless on a page; a hung browser is stopped after two minutes.
    static func run(_ arguments: [String], page: URL, directory: URL) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=" + directory.appendingPathComponent("profile").path]
            + arguments + [page.absoluteString]
        process.currentDirectoryURL = directory
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 120, execute: watchdog)
        nonisolated(unsafe) var errData = Data()
        let reader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        while !reader.isFinished { Thread.sleep(forTimeInterval: 0.01) }
        return Output(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A PNG's width and height from its IHDR chunk.
    static func pngSize(_ data: Data) -> (width: Int, height: Int)? {
        let bytes = [UInt8](data.prefix(24))
        guard bytes.count == 24, bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], bytes[12..<16] == [0x49, 0x48, 0x44, 0x52] else { return nil }
        let number = { (range: Range<Int>) in bytes[range].reduce(0) { $0 << 8 | Int($1) } }
        return (number(16..<20), number(20..<24))
    }

    @Test func rendersAScreenshotWithoutConsoleErrorsAndShowsTheFigures() throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.chromium), "no Chromium at \(Self.chromium); apt-get install -y chromium, or set CHROMIUM")
        let directory = try EvalFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = directory.appendingPathComponent("report.html")
        try HTMLReportTests.page().write(to: page, atomically: true, encoding: .utf8)
        let blank = directory.appendingPathComponent("blank.html")
        try "<!DOCTYPE html><html><body></body></html>".write(to: blank, atomically: true, encoding: .utf8)

        // The screenshot: a PNG of the window's size, far larger than the same window left blank.
        let screenshot = directory.appendingPathComponent("report.png")
        let shot = try Self.run(["--screenshot=" + screenshot.path, "--window-size=1280,2400"], page: page, directory: directory)
        #expect(shot.status == 0, "chromium: \(shot.stderr.suffix(2000))")
        let png = try Data(contentsOf: screenshot)
        #expect(Self.pngSize(png)?.width == 1280)
        #expect(Self.pngSize(png)?.height == 2400)
        let blankShot = directory.appendingPathComponent("blank.png")
        _ = try Self.run(["--screenshot=" + blankShot.path, "--window-size=1280,2400"], page: blank, directory: directory)
        let blankSize = try Data(contentsOf: blankShot).count
        #expect(png.count > 5 * blankSize, "report \(png.count) bytes, blank page \(blankSize) bytes")
        if let keep = ProcessInfo.processInfo.environment["TRIAGE_EVAL_SCREENSHOT"] {
            try? FileManager.default.removeItem(atPath: keep)
            try FileManager.default.copyItem(at: screenshot, to: URL(fileURLWithPath: keep))
        }

        // The DOM after rendering, and the console.
        let dom = try Self.run(["--enable-logging=stderr", "--v=0", "--dump-dom"], page: page, directory: directory)
        #expect(dom.status == 0)
        let console = dom.stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") || $0.contains("Uncaught") }
        #expect(console.isEmpty, "console: \(console.joined(separator: "\n"))")
        #expect(dom.stdout.contains("<div class=\"big\" id=\"accuracy\">40.0%</div>"))
        #expect(dom.stdout.contains("<svg class=\"trend\""))
        #expect(dom.stdout.components(separatedBy: "<tr class=\"flip\">").count - 1 == ReportFixtures.comparison.flips.count)
        #expect(dom.stdout.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!dom.stdout.contains("<script"))
    }
}
