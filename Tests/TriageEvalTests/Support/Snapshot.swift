import Foundation
import Testing

/// Compares rendered text with a snapshot file in `Tests/Fixtures/Snapshots/`, byte for byte.
///
/// When the rendering changes on purpose, re-record every snapshot with one command and review the diff:
/// `TRIAGE_EVAL_RECORD_SNAPSHOTS=1 swift test --filter Snapshot && git diff Tests/Fixtures/Snapshots`.
enum Snapshot {
    /// `Tests/Fixtures/Snapshots` (outside every target, so SwiftPM does not ask to declare the files as resources).
    static let directory: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/Snapshots")

    /// Whether this run rewrites the snapshots instead of checking them.
    static let isRecording = ProcessInfo.processInfo.environment["TRIAGE_EVAL_RECORD_SNAPSHOTS"] == "1"

    /// Records an issue unless `text` equals the snapshot `name` (a file name with extension); rewrites it when recording.
    static func check(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = directory.appendingPathComponent(name)
        if isRecording {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record("no snapshot \(name); record it with TRIAGE_EVAL_RECORD_SNAPSHOTS=1 swift test --filter Snapshot", sourceLocation: sourceLocation)
            return
        }
        guard text != expected else { return }
        let actualLines = text.components(separatedBy: "\n")
        let expectedLines = expected.components(separatedBy: "\n")
        let line = zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(actualLines.count, expectedLines.count)
        Issue.record("""
            \(name) differs from the snapshot at line \(line + 1):
              snapshot: \(line < expectedLines.count ? expectedLines[line] : "(end of file)")
              rendered: \(line < actualLines.count ? actualLines[line] : "(end of file)")
            re-record with TRIAGE_EVAL_RECORD_SNAPSHOTS=1 swift test --filter Snapshot if the change is intended
            """, sourceLocation: sourceLocation)
    }
}
