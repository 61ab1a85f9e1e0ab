import Foundation
import Testing
@testable import TriageEval

/// Progress display: exact lines from snapshots and an injected clock, never real time.
@Suite("Progress")
struct ProgressReporterTests {
    /// A clock the test moves by hand, and everything written.
    final class Recorder: @unchecked Sendable {
        var time = 0.0
        var written: [String] = []
    }

    let snapshot = ProgressSnapshot(done: 12, total: 40, failed: 1, errored: 2, elapsed: 4)

    @Test func plainLine() {
        #expect(snapshot.render(.plain) == "progress: 12/40 (30%)  elapsed 0:04  3.0/s  ETA 0:10  failed 1  errored 2")
    }

    @Test func barWithoutColour() {
        #expect(snapshot.render(.bar(color: false)) == "███████░░░░░░░░░░░░░░░░░ 12/40  3.0/s  ETA 0:10  failed 1  errored 2")
    }

    @Test func barWithColourPaintsTheBarAndNonZeroCountsOnly() {
        #expect(snapshot.render(.bar(color: true))
                == "\u{1B}[32m███████░░░░░░░░░░░░░░░░░\u{1B}[0m 12/40  3.0/s  ETA 0:10  \u{1B}[31mfailed 1\u{1B}[0m  \u{1B}[33merrored 2\u{1B}[0m")
        let clean = ProgressSnapshot(done: 1, total: 2, elapsed: 1)
        #expect(clean.render(.bar(color: true), width: 4) == "\u{1B}[32m██░░\u{1B}[0m 1/2  1.0/s  ETA 0:01  failed 0  errored 0")
    }

    @Test func modelRunsShowCallsAndRetries() {
        let model = ProgressSnapshot(done: 3, total: 3, elapsed: 2, calls: 9, retries: 2)
        #expect(model.render(.plain) == "progress: 3/3 (100%)  elapsed 0:02  1.5/s  ETA 0:00  failed 0  errored 0  calls 9 (0 in flight) retries 2")
    }

    @Test func noEstimateBeforeTheFirstResultAndHoursWhenLong() {
        #expect(ProgressSnapshot(done: 0, total: 5, elapsed: 3).render(.plain) == "progress: 0/5 (0%)  elapsed 0:03  0.0/s  ETA --:--  failed 0  errored 0")
        #expect(ProgressSnapshot.clock(3725) == "1:02:05")
        #expect(ProgressSnapshot.clock(59.2) == "1:00")
    }

    @Test(arguments: [
        (true, [:], ProgressSnapshot.Style?.some(.bar(color: true))),
        (true, ["NO_COLOR": "1"], .some(.bar(color: false))),
        (true, ["NO_COLOR": ""], .some(.bar(color: true))),
        (false, [:], nil),
        (false, ["CI": "true"], .some(.plain)),
        (false, ["CI": "false"], nil),
        (false, ["CI": "1", "NO_COLOR": "1"], .some(.plain)),
    ] as [(Bool, [String: String], ProgressSnapshot.Style?)])
    func styleFollowsTerminalNoColorAndCI(terminal: Bool, environment: [String: String], expected: ProgressSnapshot.Style?) {
        #expect(ProgressReporter.style(terminal: terminal, environment: environment) == expected)
    }

    func reporter(total: Int, style: ProgressSnapshot.Style, _ recorder: Recorder) -> ProgressReporter {
        ProgressReporter(total: total, style: style, now: { recorder.time }, write: { recorder.written.append($0) })
    }

    @Test func plainLinesEveryFiveSecondsAndAtTheEnd() {
        let recorder = Recorder()
        let progress = reporter(total: 6, style: .plain, recorder)
        for time in [1.0, 2, 3] { recorder.time = time; progress.record(status: .passed) }
        #expect(recorder.written.isEmpty)
        recorder.time = 8
        progress.record(status: .failed)
        #expect(recorder.written == ["progress: 4/6 (66%)  elapsed 0:08  0.5/s  ETA 0:04  failed 1  errored 0\n"])
        recorder.time = 9
        progress.record(status: .errored)
        recorder.time = 12
        progress.record(status: .passed)
        progress.finish()
        #expect(recorder.written == ["progress: 4/6 (66%)  elapsed 0:08  0.5/s  ETA 0:04  failed 1  errored 0\n",
                                     "progress: 6/6 (100%)  elapsed 0:12  0.5/s  ETA 0:00  failed 1  errored 1\n"])
    }

    @Test func aShortRunPrintsNoPlainLine() {
        let recorder = Recorder()
        let progress = reporter(total: 2, style: .plain, recorder)
        for time in [1.0, 2] { recorder.time = time; progress.record(status: .passed) }
        progress.finish()
        #expect(recorder.written.isEmpty)
    }

    @Test func barRedrawsAtMostEveryTenthOfASecondAndAtTheLastResultThenClears() {
        let recorder = Recorder()
        let progress = reporter(total: 3, style: .bar(color: false), recorder)
        recorder.time = 0.5
        progress.record(status: .passed, calls: 2, retries: 1)
        recorder.time = 0.55
        progress.record(status: .passed, calls: 2)
        recorder.time = 1.5
        progress.record(status: .passed, calls: 2)
        progress.finish()
        #expect(recorder.written == [
            "\r████████░░░░░░░░░░░░░░░░ 1/3  2.0/s  ETA 0:01  failed 0  errored 0  calls 2 (0 in flight) retries 1\u{1B}[K",
            "\r████████████████████████ 3/3  2.0/s  ETA 0:00  failed 0  errored 0  calls 6 (0 in flight) retries 1\u{1B}[K",
            "\r\u{1B}[K",
        ])
    }

    /// A run waiting on one long model call finishes nothing for minutes: the timer's ticks still print the CI
    /// line every five seconds (elapsed time moving, the call in flight), and no more often.
    @Test func ticksPrintThePlainLineWhileNothingFinishes() {
        let recorder = Recorder()
        let progress = reporter(total: 2, style: .plain, recorder)
        recorder.time = 1
        progress.callStarted()
        recorder.time = 4.9
        progress.tick()
        #expect(recorder.written.isEmpty)
        recorder.time = 5
        progress.tick()
        recorder.time = 7
        progress.tick()
        recorder.time = 10
        progress.tick()
        #expect(recorder.written == [
            "progress: 0/2 (0%)  elapsed 0:05  0.0/s  ETA --:--  failed 0  errored 0  calls 0 (1 in flight) retries 0\n",
            "progress: 0/2 (0%)  elapsed 0:10  0.0/s  ETA --:--  failed 0  errored 0  calls 0 (1 in flight) retries 0\n",
        ])
    }
}
