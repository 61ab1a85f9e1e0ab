import Foundation
import Testing
import TriageEval

/// Shards, groups and the gate through the built binary.
@Suite("CLI shards and groups", .serialized)
struct GroupsCLITests {
    let scratch = ScratchDirectory()

    /// A suite of 12 scenarios (the smoke suite's three, four times over under new ids) so each of 3 shards gets some.
    func writeSuite() throws -> String {
        let smoke = try String(contentsOfFile: CLI.root + "/" + CLI.fixtures + "pass.yaml", encoding: .utf8)
        let header = smoke.components(separatedBy: "scenarios:\n")[0].replacingOccurrences(of: "suite: smoke", with: "suite: sharded")
        let body = smoke.components(separatedBy: "scenarios:\n")[1]
        var text = header + "scenarios:\n"
        for copy in 1...4 {
            text += body.replacingOccurrences(of: "- id: smoke-refund", with: "- id: refund-\(copy)")
                .replacingOccurrences(of: "- id: smoke-howto", with: "- id: howto-\(copy)")
                .replacingOccurrences(of: "- id: smoke-hacked", with: "- id: hacked-\(copy)")
        }
        let path = scratch.file("sharded.yaml")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func run(_ suite: String, _ arguments: [String]) throws -> CLI.Output {
        try CLI.run(["run", suite, "--db", scratch.database] + CLI.fixtureFiles + arguments)
    }

    /// Runs the three shards of group `g`; each exits 0 with the note that the gate judges the group.
    func runShards(_ suite: String, group: String = "g", shards: [Int] = [1, 2, 3]) throws -> [Int64] {
        var ids: [Int64] = []
        for shard in shards {
            let output = try run(suite, ["--shard", "\(shard)/3", "--group", group])
            #expect(output.status == 0, "shard \(shard): \(output.stderr)")
            let id = Int64(output.stdout.split(separator: "#")[1].prefix { $0.isNumber })!
            #expect(output.stderr.contains("note: run #\(id) is shard \(shard)/3 of group \(group); its gates are judged on the merged group by `triage-eval gate group:\(group) --shards 3`"))
            ids.append(id)
        }
        return ids
    }

    /// The JSON report without what differs between two executions of the same scenarios: the run (id, times)
    /// and the measured latencies.
    static func comparable(json: String) throws -> String {
        var object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        object["run"] = nil
        object["latency"] = nil
        object["results"] = (object["results"] as? [[String: Any]])?.map { $0.filter { $0.key != "latency_ms" } }
        return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted]), as: UTF8.self)
    }

    /// The text report without its first line (run id, status) and its latency line.
    static func comparable(text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().filter { !$0.hasPrefix("Latency") }.joined(separator: "\n")
    }

    @Test func threeShardsMergeIntoTheReportOfOneRun() throws {
        let suite = try writeSuite()
        let single = try run(suite, ["--format", "json"])
        #expect(single.status == 0, "\(single.stderr)")
        let singleText = try CLI.run(["report", "1", "--db", scratch.database])
        let ids = try runShards(suite)
        let counts = try ids.map { try SQLiteStore(path: scratch.database).resultCount(run: $0) }
        #expect(counts.reduce(0, +) == 12)
        #expect(counts.allSatisfy { $0 > 0 })
        #expect(try CLI.run(["runs", "--db", scratch.database]).stdout.contains("  (shard 2/3 of group:g)\n"))
        let group = try CLI.run(["report", "group:g", "--db", scratch.database, "--format", "json"])
        #expect(group.status == 0, "\(group.stderr)")
        #expect(try Self.comparable(json: group.stdout) == Self.comparable(json: single.stdout))
        let groupText = try CLI.run(["report", "group:g", "--db", scratch.database])
        #expect(Self.comparable(text: groupText.stdout) == Self.comparable(text: singleText.stdout))
        #expect(groupText.stdout.hasPrefix("triage-eval run #\(ids[0]) (completed): 12 scenario runs"))
        // A comparison of the group with the single run finds the same labels everywhere.
        let compare = try CLI.run(["compare", "1", "group:g", "--db", scratch.database])
        #expect(compare.status == 0)
        #expect(compare.stdout.contains("accuracy 100.0% → 100.0%"))
    }

    @Test func theGatePassesFailsAndNamesMissingShards() throws {
        let suite = try writeSuite()
        let db = scratch.database
        _ = try runShards(suite, shards: [1, 3])
        let missing = try CLI.run(["gate", "group:g", "--shards", "3", "--db", db])
        #expect(missing.status == 3)
        #expect(missing.stderr == "triage-eval: group \"g\": 1 shard not complete after waiting 0s (no run: 2)\n")
        #expect(missing.stdout.isEmpty)
        _ = try runShards(suite, shards: [2])

        let pass = try CLI.run(["gate", "group:g", "--shards", "3", "--db", db, "--min-accuracy", "0.9", "--format", "junit", "--output", scratch.file("gate.xml")])
        #expect(pass.status == 0, "\(pass.stderr)")
        // 12 scenario runs, the suite's 3 gates and --min-accuracy.
        #expect(pass.stdout.contains("<testsuites name=\"triage-eval run #1\" tests=\"16\" failures=\"0\""))
        #expect(try String(contentsOfFile: scratch.file("gate.xml"), encoding: .utf8) == pass.stdout)
        #expect(pass.stderr == "triage-eval: group g: 3 shards complete (runs #1, #3, #2), 12 results\n")

        // 8 of 12 decided scenarios are escalated: 0.667 > 0.5.
        let fail = try CLI.run(["gate", "group:g", "--shards", "3", "--db", db, "--max-escalation-rate", "0.5"])
        #expect(fail.status == 1)
        #expect(fail.stderr == "triage-eval: group g: 3 shards complete (runs #1, #3, #2), 12 results\ngate failed: run: max_escalation_rate 0.667 > max 0.500\n")

        let wrongCount = try CLI.run(["gate", "group:g", "--shards", "4", "--db", db])
        #expect(wrongCount.status == 2)
        #expect(wrongCount.stderr == "triage-eval: group \"g\" was split into 3 shards, not 4 (--shards)\n")
        let badWait = try CLI.run(["gate", "group:g", "--shards", "3", "--wait", "soon", "--db", db])
        #expect(badWait.status == 2)
        #expect(badWait.stderr.contains("Error: The value 'soon' is invalid for '--wait <wait>': expected a duration such as 90s, 20m, 1h or 1m30s"))
    }

    @Test func shardsRunOnDifferentFilesDoNotMerge() throws {
        let suite = try writeSuite()
        _ = try runShards(suite, shards: [1])
        try (try String(contentsOfFile: suite, encoding: .utf8) + "\n# changed\n").write(toFile: suite, atomically: true, encoding: .utf8)
        _ = try runShards(suite, shards: [2, 3])
        let report = try CLI.run(["report", "group:g", "--db", scratch.database])
        #expect(report.status == 2)
        #expect(report.stderr.hasPrefix("triage-eval: group \"g\": its shards ran on different files and cannot be merged: \(suite): shard 1/3 (run #1) has sha256 "))
        #expect(report.stderr.contains(", shard 2/3 (run #2) has sha256 "))
    }

    @Test func resumeGroupFinishesItsInterruptedShardsAndTheGateThenPasses() throws {
        let suite = try writeSuite()
        let ids = try runShards(suite)
        // As a shard killed before it ended leaves it (the kill itself is `bench shards --kill-one`'s demonstration).
        try SQLiteStore(path: scratch.database).finishRun(ids[1], status: .interrupted)
        let gate = try CLI.run(["gate", "group:g", "--shards", "3", "--wait", "1h", "--db", scratch.database])
        #expect(gate.status == 3)
        #expect(gate.stderr == "triage-eval: group \"g\": shard 2 (run #\(ids[1])) interrupted; resume with `triage-eval resume group:g`, then gate again\n")
        let resume = try CLI.run(["resume", "group:g", "--db", scratch.database])
        #expect(resume.status == 0, "\(resume.stderr)")
        #expect(resume.stderr.contains("triage-eval: shard 2/3 (run #\(ids[1])): completed, "))
        #expect(!resume.stderr.contains("(run #\(ids[0]))"))
        #expect(resume.stdout.hasPrefix("triage-eval run #\(ids[0]) (completed): 12 scenario runs"))
        #expect(try CLI.run(["gate", "group:g", "--shards", "3", "--db", scratch.database]).status == 0)
        let baseline = try CLI.run(["baseline", "set", "group:g", "--db", scratch.database])
        #expect(baseline.stdout == "baseline of sharded: group:g (run #\(ids[0]))\n")
        let shardAlone = try CLI.run(["baseline", "set", String(ids[1]), "--db", scratch.database])
        #expect(shardAlone.stderr == "triage-eval: run #\(ids[1]) is shard 2/3 of group g; approve the whole group: `baseline set group:g`\n")
    }

    @Test(arguments: [
        (["--shard", "2/3"], "Error: --shard needs --group NAME: the group its shards are merged under"),
        (["--group", "g"], "Error: --group needs --shard K/N"),
        (["--shard", "4/3", "--group", "g"], "Error: The value '4/3' is invalid for '--shard <K/N>': the shard K must be between 1 and 3"),
        (["--shard", "1/2", "--group", "a b"], "Error: --group: a group name may contain only letters, digits, '.', '_' and '-', got \"a b\""),
    ])
    func badShardFlagsAreRefused(arguments: [String], message: String) throws {
        let output = try run(CLI.fixtures + "pass.yaml", arguments)
        #expect(output.status == 2)
        #expect(output.stderr.hasPrefix(message), "\(output.stderr)")
    }
}
