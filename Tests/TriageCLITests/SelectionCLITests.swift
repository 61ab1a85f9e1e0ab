import Foundation
import Testing

/// `run --filter/--tag/--limit/--sample/--failed-from` end to end with the built binary: what runs, what the
/// reports say of a partial run, and `baseline set` refusing one unless forced.
@Suite("Selection from the command line", .serialized)
struct SelectionCLITests {
    let scratch = ScratchDirectory()
    let suites = [CLI.fixtures + "pass.yaml", CLI.fixtures + "failing.yaml"]

    func run(_ arguments: [String]) async throws -> CLI.Output {
        try await cli(["run"] + suites + ["--db", scratch.database] + CLI.fixtureFiles + arguments)
    }

    /// ``CLI/run(_:environment:unsetting:in:)`` on a thread of its own: waiting for the process does not hold
    /// one of the few cooperative threads other tests' timeouts need.
    func cli(_ arguments: [String], environment: [String: String] = [:]) async throws -> CLI.Output {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try CLI.run(arguments, environment: environment) }) }.start()
        }
    }

    @Test func aFilteredRunIsPartialInTheReportAndOnStandardError() async throws {
        let result = try await run(["--filter", "smoke-*"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "triage-eval: partial: 3 of 5 scenarios (--filter 'smoke-*')\n")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0].hasPrefix("triage-eval run #1 (completed): 3 scenario runs"))
        #expect(lines[1] == "partial: 3 of 5 scenarios (--filter 'smoke-*')")
        #expect(result.stdout.contains("\nGates (on the 3 selected of 5 scenarios: partial run)\n"))
        // The suite with no selected scenario is not part of the run.
        #expect(!result.stdout.contains("failing"))
    }

    @Test func everyRenderedFormatSaysSo() async throws {
        #expect(try await run(["--tag", "billing"]).status == 0)
        let line = "partial: 1 of 5 scenarios (--tag billing)"
        let markdown = try await cli(["report", "latest", "--db", scratch.database, "--format", "markdown"])
        #expect(markdown.stdout.contains("\n> \(line); gates apply to these scenarios only\n"))
        let junit = try await cli(["report", "latest", "--db", scratch.database, "--format", "junit"])
        #expect(junit.stdout.contains("<property name=\"selection\" value=\"\(line)\"/>"))
        let html = try await cli(["report", "latest", "--db", scratch.database, "--format", "html"])
        #expect(html.stdout.contains("<p id=\"selection\"><strong>\(line)</strong>; gates apply to these scenarios only.</p>"))
        let json = try await cli(["report", "latest", "--db", scratch.database, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let selection = try #require(object["selection"] as? [String: Any])
        #expect(selection["tag"] as? [String] == ["billing"])
        #expect(selection["selected"] as? Int == 1)
        #expect(selection["total"] as? Int == 5)
        #expect(selection["partial"] as? Bool == true)
        #expect(selection["summary"] as? String == line)
    }

    @Test func aFullRunHasANullSelectionAndNoPartialLine() async throws {
        #expect(try await cli(["run", CLI.fixtures + "pass.yaml", "--db", scratch.database] + CLI.fixtureFiles).status == 0)
        let json = try await cli(["report", "latest", "--db", scratch.database, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["selection"] is NSNull)
        #expect(!(try await cli(["report", "latest", "--db", scratch.database]).stdout.contains("partial")))
    }

    @Test func baselineSetRefusesAPartialRunUnlessForced() async throws {
        #expect(try await run(["--filter", "smoke-*"]).status == 0)
        let refused = try await cli(["baseline", "set", "latest", "--db", scratch.database])
        #expect(refused.status == 2)
        #expect(refused.stderr == "triage-eval: run #1 is partial: 3 of 5 scenarios (--filter 'smoke-*'); a baseline should cover every scenario of its suites: pass --force to approve it anyway\n")
        #expect(try await cli(["baseline", "list", "--db", scratch.database]).stdout == "")
        let forced = try await cli(["baseline", "set", "latest", "--force", "--db", scratch.database])
        #expect(forced.status == 0)
        #expect(forced.stdout == "baseline of smoke: run #1 (partial: 3 of 5 scenarios (--filter 'smoke-*'))\n")
    }

    @Test func aFilterMatchingNothingIsExitTwoWithTheCounts() async throws {
        let result = try await run(["--filter", "refund-*", "--filter", "nope"])
        #expect(result.status == 2)
        #expect(result.stderr == "triage-eval: no scenario matches --filter 'refund-*' --filter 'nope' (5 scenarios in 2 suites)\n")
        #expect(result.stdout == "")
        // Nothing was stored: `runs` prints its header only.
        let runs = try await cli(["runs", "--db", scratch.database])
        #expect(runs.stdout.split(separator: "\n").count == 1, "\(runs.stdout)")
    }

    @Test(arguments: [
        (["--sample", "0"], "--sample must be at least 1, got 0"),
        (["--limit=-2"], "--limit must be at least 1, got -2"),
        (["--seed", "3"], "--seed needs --sample (it seeds the sample's draw)"),
        (["--filter", "smoke-[a"], "--filter 'smoke-[a': the '[' at column 7 is never closed with ']'"),
        (["--failed-from", "yesterday"], "expected a run number, \"latest\" or \"group:NAME\""),
    ])
    func badSelectionFlagsAreExitTwo(arguments: [String], message: String) async throws {
        let result = try await run(arguments)
        #expect(result.status == 2)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test func failedFromRunsOnlyWhatFailedAndAnUnknownRunIsExitTwo() async throws {
        let unknown = try await run(["--failed-from", "7"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "triage-eval: --failed-from 7: no such run in \(scratch.database)\n")
        #expect(try await run([]).status == 1)
        let again = try await run(["--failed-from", "latest", "--format", "json"])
        #expect(again.stderr.hasPrefix("triage-eval: partial: 1 of 5 scenarios (--failed-from latest (run #1))\n"), "\(again.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
        let results = try #require(object["results"] as? [[String: Any]])
        #expect(results.map { $0["id"] as? String } == ["failing-wrong-expectation"])
        #expect((object["selection"] as? [String: Any])?["failed_from_run"] as? Int == 1)
    }

    @Test func aSampleStatesItsSeedAndIsTheSameEveryTime() async throws {
        let first = try await run(["--sample", "2", "--format", "csv"])
        let second = try await run(["--sample", "2", "--format", "csv"])
        #expect(first.stderr.hasPrefix("triage-eval: partial: 2 of 5 scenarios (--sample 2 --seed 1)\n"), "\(first.stderr)")
        let ids = { (output: CLI.Output) in output.stdout.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",")[1] } }
        #expect(ids(first).count == 2)
        #expect(ids(first) == ids(second))
    }

    @Test func validatePrintsWhatARunWouldRun() async throws {
        let result = try await cli(["validate"] + suites + CLI.fixtureFiles + ["--filter", "smoke-r*", "--filter", "*-right"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasSuffix("""
            selection: partial: 2 of 5 scenarios (--filter 'smoke-r*' --filter '*-right')
              smoke: smoke-refund
              failing: failing-right

            """), "\(result.stdout)")
    }

    @Test func aBadLeaseIsExitTwoBeforeAnythingRuns() async throws {
        let result = try await cli(["run", CLI.fixtures + "pass.yaml", "--db", scratch.database] + CLI.fixtureFiles,
                                 environment: ["TRIAGE_EVAL_LEASE_SECONDS": "soon"])
        #expect(result.status == 2)
        #expect(result.stderr == "triage-eval: TRIAGE_EVAL_LEASE_SECONDS must be a number of seconds above 0 (default 120), got \"soon\"\n")
    }
}
