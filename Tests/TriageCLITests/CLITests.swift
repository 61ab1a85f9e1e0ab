import Foundation
import Testing

/// The CLI end to end: the built binary on fixture files, checking output and every documented exit code.
@Suite("CLI end to end", .serialized)
struct CLITests {
    let fixtures = "Tests/Fixtures/cli/"

    @Test func validateAcceptsTheShippedFiles() throws {
        let result = try CLI.run(["validate"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("ok: 3 rule files, 5 prompt files, 6 models, 5 suites, "))
    }

    @Test func validateRejectsABadLabelWithExitTwo() throws {
        let result = try CLI.run(["validate", fixtures + "invalid.yaml"])
        #expect(result.status == 2)
        #expect(result.stderr == """
            Tests/Fixtures/cli/invalid.yaml:10:17: error: unknown category "refund"; expected one of: security, legal_privacy, billing, account_deletion, data_loss, account_access, technical_bug, feature_request, how_to, general
                  category: refund
                            ^
            1 error; nothing was run.

            """)
    }

    @Test func passingRunExitsZeroAndReportRerendersIt() throws {
        let db = CLI.temporaryDatabase()
        let run = try CLI.run(["run", fixtures + "pass.yaml", "--db", db])
        #expect(run.status == 0)
        #expect(run.stdout.contains("Accuracy  3/3 = 100.0%"))
        #expect(run.stdout.contains("PASS smoke: accuracy 1 >= min 1"))
        let report = try CLI.run(["report", "latest", "--db", db])
        #expect(report.status == 0)
        #expect(report.stdout == run.stdout)
        let byID = try CLI.run(["report", "1", "--db", db, "--format", "markdown"])
        #expect(byID.stdout.hasPrefix("## triage-eval run #1 ✅ gates passed"))
    }

    @Test func jsonGoesToStdoutAndParses() throws {
        let result = try CLI.run(["run", fixtures + "pass.yaml", "--db", CLI.temporaryDatabase(), "--format", "json"])
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        #expect(object["format_version"] as? Int == 2)
        #expect(object["scenario_count"] as? Int == 3)
        #expect((object["results"] as? [[String: Any]])?.map { $0["id"] as? String } == ["smoke-refund", "smoke-howto", "smoke-hacked"])
    }

    @Test func failedGateExitsOneAndNamesTheGate() throws {
        let result = try CLI.run(["run", fixtures + "failing.yaml", "--db", CLI.temporaryDatabase()])
        #expect(result.status == 1)
        #expect(result.stderr.contains("gate failed: failing: accuracy 0.500 < min 1 (scenarios: failing-wrong-expectation)"))
        #expect(result.stdout.contains("category: expected billing, got how_to"))
    }

    @Test func commandLineGateExitsOne() throws {
        let result = try CLI.run(["run", fixtures + "pass.yaml", "--db", CLI.temporaryDatabase(), "--min-field", "escalate=1", "--max-false-escalations", "0"])
        #expect(result.status == 0)
        let strict = try CLI.run(["run", fixtures + "failing.yaml", "--db", CLI.temporaryDatabase(), "--min-accuracy", "0.9"])
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("gate failed: run: accuracy 0.500 < min 0.900"))
    }

    @Test(arguments: [
        (["run", "--min-accuracy", "1.5"], "--min-accuracy must be between 0 and 1, got 1.5"),
        (["run", "--min-field", "categroy=0.9"], "--min-field: unknown field \"categroy\""),
        (["run", "--no-such-flag"], "Unknown option '--no-such-flag'"),
        (["report", "abc"], "Error: The value 'abc' is invalid for '<run-id>': expected a run number or \"latest\""),
        (["compare", "1", "0"], "Error: The value '0' is invalid for '<run-b>': expected a run number or \"latest\""),
    ])
    func badFlagsExitTwo(arguments: [String], message: String) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == 2)
        #expect(result.stderr.contains(message))
    }

    @Test func missingRunExitsTwo() throws {
        let db = CLI.temporaryDatabase()
        _ = try CLI.run(["run", fixtures + "pass.yaml", "--db", db])
        let result = try CLI.run(["report", "42", "--db", db])
        #expect(result.status == 2)
        #expect(result.stderr == "triage-eval: no run 42 in \(db)\n")
    }

    @Test func unopenableStoreExitsThree() throws {
        let result = try CLI.run(["run", fixtures + "pass.yaml", "--db", "/dev/null/runs.sqlite"])
        #expect(result.status == 3)
        #expect(result.stderr.hasPrefix("triage-eval: cannot open the store /dev/null/runs.sqlite"))
    }

    @Test func replayWithoutARecordingExitsThreeWithoutNetwork() throws {
        let result = try CLI.run(["run", fixtures + "failing.yaml", "--model", "smollm2", "--replay", "--db", CLI.temporaryDatabase()])
        #expect(result.status == 3)
        #expect(result.stderr.contains("triage-eval: --replay: 2 scenarios had no recorded response (first: failing/failing-wrong-expectation); run once without --replay to record them"))
        #expect(result.stdout.contains("no cached response for openai smollm2-135m-instruct (replay mode); run once without --replay to record it"))
    }

    @Test func missingAPIKeyExitsTwoAndNamesTheVariable() throws {
        let result = try CLI.run(["run", fixtures + "pass.yaml", "--model", "gpt-4o-mini", "--db", CLI.temporaryDatabase()], unsetting: ["OPENAI_API_KEY"])
        #expect(result.status == 2)
        #expect(result.stderr == "triage-eval: model \"gpt-4o-mini\" needs its API key in the environment variable OPENAI_API_KEY (api_key_env); it is not set\n")
    }

    @Test func interruptedRunExitsThreeAndIsStoredAsInterrupted() throws {
        let db = CLI.temporaryDatabase()
        let result = try CLI.run(["run", "scenarios", "--db", db, "--repeat", "5000"], interruptAfter: 2)
        #expect(result.status == 3)
        #expect(result.stderr.contains("interrupted (received SIGINT); stored as interrupted with"))
        let runs = try CLI.run(["runs", "--db", db])
        #expect(runs.stdout.contains("interrupted"))
        // What finished before the signal is kept, and the report says the run is interrupted.
        let report = try CLI.run(["report", "latest", "--db", db, "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as! [String: Any]
        #expect((object["run"] as? [String: Any])?["status"] as? String == "interrupted")
        #expect((object["scenario_count"] as? Int ?? 0) > 0)
    }
}
