import Foundation
import Testing
@testable import TriageEval

/// The text and Markdown renderings of a run, a comparison and a drift report, pinned whole as snapshot files
/// (see ``Snapshot`` for re-recording after an intended change).
@Suite("Report snapshots")
struct ReportSnapshotTests {
    @Test(arguments: [(ReportFormat.text, "txt"), (.markdown, "md")])
    func runReport(format: ReportFormat, ext: String) throws {
        try Snapshot.check(try ReportFixtures.gated.render(format), named: "run-gated.\(ext)")
    }

    @Test(arguments: [(ReportFormat.text, "txt"), (.markdown, "md")])
    func runReportWithHostileText(format: ReportFormat, ext: String) throws {
        try Snapshot.check(try ReportFixtures.hostile.render(format), named: "run-hostile.\(ext)")
    }

    @Test(arguments: [(ReportFormat.text, "txt"), (.markdown, "md")])
    func comparison(format: ReportFormat, ext: String) throws {
        try Snapshot.check(try ReportFixtures.comparison.render(format), named: "comparison.\(ext)")
    }

    @Test(arguments: [(ReportFormat.text, "txt"), (.markdown, "md")])
    func drift(format: ReportFormat, ext: String) throws {
        try Snapshot.check(try ReportFixtures.drift.render(format), named: "drift.\(ext)")
    }

    /// The checker itself: a different text is reported, an equal one is not.
    @Test func aChangedRenderingIsReported() throws {
        guard !Snapshot.isRecording else { return }
        let text = try ReportFixtures.gated.render(.text)
        try Snapshot.check(text, named: "run-gated.txt")
        withKnownIssue {
            try Snapshot.check(text.replacingOccurrences(of: "Accuracy", with: "Acuracy"), named: "run-gated.txt")
        }
    }
}
