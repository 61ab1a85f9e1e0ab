import Testing
@testable import TriageEval

/// The hint a run prints when it is interrupted or has errored scenarios, pinned.
@Suite("Resume hint")
struct ResumeHintTests {
    @Test(arguments: [
        (nil, nil, "triage-eval: resume with `triage-eval resume 12`"),
        ("runs/ci.sqlite", nil, "triage-eval: resume with `triage-eval resume 12 --db runs/ci.sqlite`"),
        ("my runs/it's.sqlite", nil, #"triage-eval: resume with `triage-eval resume 12 --db 'my runs/it'\''s.sqlite'`"#),
        (nil, 1, "triage-eval: 1 scenario run errored; resume with `triage-eval resume 12` to run it again"),
        (nil, 3, "triage-eval: 3 scenario runs errored; resume with `triage-eval resume 12` to run them again"),
    ] as [(String?, Int?, String)])
    func hint(database: String?, errored: Int?, expected: String) {
        #expect(ProgressReporter.resumeHint(run: 12, database: database, errored: errored) == expected)
    }
}
