import Foundation
import Testing

/// The CLI end to end: the built binary on fixture files, checking output and every documented exit code.
@Suite("CLI end to end", .serialized)
struct CLITests {
    let fixtures = CLI.fixtures
    let scratch = ScratchDirectory()

    /// `run` on the fixture rules and prompts with a scratch store, plus `arguments`.
    func run(_ suite: String, _ arguments: [String] = []) throws -> CLI.Output {
        try CLI.run(["run", fixtures + suite, "--db", scratch.database] + CLI.fixtureFiles + arguments)
    }

    /// The shipped files are only checked for validity: editing them never breaks a test here.
    @Test func validateAcceptsTheShippedFiles() throws {
        let result = try CLI.run(["validate"])
        #expect(result.stderr == "")
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("ok: "))
    }

    @Test func validateCountsTheFixtureFiles() throws {
        let result = try CLI.run(["validate", fixtures + "pass.yaml", fixtures + "failing.yaml"] + CLI.fixtureFiles)
        #expect(result.status == 0)
        #expect(result.stdout == "ok: 3 rule files, 5 prompt files, 6 models, 2 suites, 5 scenarios\n")
    }

    @Test func validateRejectsABadLabelWithExitTwo() throws {
        let result = try CLI.run(["validate", fixtures + "invalid.yaml"] + CLI.fixtureFiles)
        #expect(result.status == 2)
        #expect(result.stderr == """
            Tests/Fixtures/cli/invalid.yaml:10:17: error: unknown category "refund"; expected one of: security, legal_privacy, billing, account_deletion, data_loss, account_access, technical_bug, feature_request, how_to, general
                  category: refund
                            ^
            1 error; nothing was run.

            """)
    }

    @Test func passingRunExitsZeroAndReportRerendersIt() throws {
        let run = try run("pass.yaml")
        #expect(run.status == 0)
        #expect(run.stdout.contains("Accuracy  3/3 = 100.0%"))
        #expect(run.stdout.contains("PASS smoke: accuracy 1 >= min 1"))
        let report = try CLI.run(["report", "latest", "--db", scratch.database])
        #expect(report.status == 0)
        #expect(report.stdout == run.stdout)
        let byID = try CLI.run(["report", "1", "--db", scratch.database, "--format", "markdown"])
        #expect(byID.stdout.hasPrefix("## triage-eval run #1 ✅ gates passed"))
    }

    @Test func jsonGoesToStdoutAndParses() throws {
        let result = try run("pass.yaml", ["--format", "json"])
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        #expect(object["format_version"] as? Int == 2)
        #expect(object["scenario_count"] as? Int == 3)
        #expect((object["results"] as? [[String: Any]])?.map { $0["id"] as? String } == ["smoke-refund", "smoke-howto", "smoke-hacked"])
    }

    @Test func failedGateExitsOneAndNamesTheGate() throws {
        let result = try run("failing.yaml")
        #expect(result.status == 1)
        #expect(result.stderr == "gate failed: failing: accuracy 0.500 < min 1 (scenarios: failing-wrong-expectation)\n")
        #expect(result.stdout.contains("category: expected billing, got how_to"))
    }

    /// `report --format json` streams its lines from the store; with `--output` it renders the whole document:
    /// both print the same bytes, with the gate's exit code, and the JSON parses with every scenario run in it.
    @Test func streamedJSONReportIsTheWholeDocument() throws {
        #expect(try run("failing.yaml", ["--repeat", "2"]).status == 1)
        let streamed = try CLI.run(["report", "latest", "--db", scratch.database, "--format", "json"])
        let file = scratch.file("report.json")
        let whole = try CLI.run(["report", "latest", "--db", scratch.database, "--format", "json", "--output", file])
        #expect(streamed.status == 1 && whole.status == 1)
        #expect(streamed.stderr == whole.stderr)
        #expect(streamed.stdout == whole.stdout)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == streamed.stdout)
        let object = try JSONSerialization.jsonObject(with: Data(streamed.stdout.utf8)) as! [String: Any]
        #expect((object["results"] as? [[String: Any]])?.count == 4)
        #expect((object["gates"] as? [[String: Any]])?.first?["passed"] as? Bool == false)
    }

    @Test func commandLineGateExitsOne() throws {
        let result = try run("pass.yaml", ["--min-field", "escalate=1", "--max-false-escalations", "0", "--min-recall", "billing=1"])
        #expect(result.status == 0)
        let strict = try run("failing.yaml", ["--min-accuracy", "0.9"])
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("gate failed: run: accuracy 0.500 < min 0.900"))
    }

    /// A misspelt category in --min-recall is rejected like a suite file's `category_recall`, before anything runs.
    @Test func misspeltRecallCategoryExitsTwoAndStoresNothing() throws {
        let result = try run("pass.yaml", ["--min-recall", "biling=0.9"])
        #expect(result.status == 2)
        #expect(result.stderr == """
            triage-eval: --min-recall: unknown category "biling"; expected one of: security, legal_privacy, billing, account_deletion, data_loss, account_access, technical_bug, feature_request, how_to, general

            """)
        #expect(result.stdout == "")
        #expect(!FileManager.default.fileExists(atPath: scratch.database))
    }

    @Test(arguments: [
        (["run", "--min-accuracy", "1.5"], "Error: --min-accuracy must be between 0 and 1, got 1.5"),
        (["run", "--min-field", "categroy=0.9"], "Error: --min-field: unknown field \"categroy\"; expected one of: category, escalate, team, priority, sentiment, churn_risk, reply"),
        (["run", "--min-recall", "billing"], "Error: --min-recall expects CATEGORY=SHARE with a share between 0 and 1, got \"billing\""),
        (["run", "--variant", "a=model"], "Error: The value 'a=model' is invalid for '--variant <NAME=SPEC>': unknown setting \"model\"; expected key:value with a key of: model, rules, prompts, prompt, replies"),
        (["run", "--no-such-flag"], "Error: Unknown option '--no-such-flag'"),
        (["report", "abc"], "Error: The value 'abc' is invalid for '<run-id>': expected a run number, \"latest\" or \"group:NAME\""),
        (["compare", "1", "0"], "Error: The value '0' is invalid for '<run-b>': expected a run number, \"latest\" or \"group:NAME\""),
    ])
    func badFlagsExitTwo(arguments: [String], message: String) throws {
        let result = try CLI.run(arguments + ["--db", scratch.database])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix(message + "\n"))
        #expect(!FileManager.default.fileExists(atPath: scratch.database))
    }

    @Test func missingRunExitsTwo() throws {
        _ = try run("pass.yaml")
        let result = try CLI.run(["report", "42", "--db", scratch.database])
        #expect(result.status == 2)
        #expect(result.stderr == "triage-eval: no run 42 in \(scratch.database)\n")
    }

    @Test func unopenableStoreExitsThree() throws {
        let result = try CLI.run(["run", fixtures + "pass.yaml", "--db", "/dev/null/runs.sqlite"] + CLI.fixtureFiles)
        #expect(result.status == 3)
        #expect(result.stderr.hasPrefix("triage-eval: cannot open the store /dev/null/runs.sqlite"))
    }

    @Test func replayWithoutARecordingExitsThreeWithoutNetwork() throws {
        let result = try run("failing.yaml", ["--model", "smollm2", "--replay"])
        #expect(result.status == 3)
        #expect(result.stderr.contains("triage-eval: --replay: 2 scenarios had no recorded response (first: failing/failing-wrong-expectation); run once without --replay to record them"))
        #expect(result.stdout.contains("no cached response for openai smollm2-135m-instruct; the cache mode is replay only"))
    }

    @Test func missingAPIKeyExitsTwoAndNamesTheVariable() throws {
        let result = try CLI.run(["run", fixtures + "pass.yaml", "--model", "gpt-4o-mini", "--db", scratch.database] + CLI.fixtureFiles,
                                 unsetting: ["OPENAI_API_KEY"])
        #expect(result.status == 2)
        #expect(result.stderr == "triage-eval: model \"gpt-4o-mini\" needs its API key in the environment variable OPENAI_API_KEY (api_key_env); it is not set\n")
    }
}
