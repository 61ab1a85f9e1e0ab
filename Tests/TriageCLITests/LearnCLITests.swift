import Foundation
import Testing

/// `triage-eval learn …` end to end through the built binary on the sample production export.
@Suite("CLI learn", .serialized)
struct LearnCLITests {
    static let export = "Tests/Fixtures/production/export.jsonl"
    static let key = ["TRIAGE_EVAL_PSEUDONYM_KEY": "learn-cli-test"]
    let scratch = ScratchDirectory()

    @Test func importListLabelApproveApplyThenRunAndValidateIncludeTheLearnedSuite() throws {
        let db = ["--db", scratch.database]
        let imported = try CLI.run(["learn", "import", Self.export] + db, environment: Self.key)
        #expect(imported.stderr == "")
        #expect(imported.status == 0)
        #expect(imported.stdout == """
            240 conversations read: 67 new, 0 already imported, 173 with nothing to learn (no correction or negative feedback)
              feedback: 2 pending, 19 duplicate
              correction: 8 pending, 6 approved, 32 duplicate

            """)

        let pending = try CLI.run(["learn", "list", "--status", "pending"] + db)
        #expect(pending.status == 0)
        let lines = pending.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 10)
        let unlabelled = try #require(lines.first { $0.contains("\tfeedback\t") })
        let id = try #require(unlabelled.split(separator: "\t").first.map(String.init))
        #expect(unlabelled.hasSuffix("\tno labels"))
        let duplicates = try CLI.run(["learn", "list", "--status", "duplicate"] + db)
        #expect(duplicates.stdout.split(separator: "\n").count == 51)
        #expect(duplicates.stdout.contains("duplicate of item "))

        let refused = try CLI.run(["learn", "approve", id] + db)
        #expect(refused.status == 2)
        #expect(refused.stderr == "triage-eval: item \(id) has no labels; run `triage-eval learn label \(id) category=...` first\n")
        let unknown = try CLI.run(["learn", "approve", "9999"] + db)
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "triage-eval: no learning item 9999; `triage-eval learn list` shows them\n")
        let badLabel = try CLI.run(["learn", "label", id, "category=refund"] + db)
        #expect(badLabel.status == 2)
        #expect(badLabel.stderr.hasPrefix("triage-eval: category=refund: unknown category \"refund\"; expected one of: "))

        let labelled = try CLI.run(["learn", "label", id, "category=billing", "escalate=true", "team=billing", "priority=high"] + db)
        #expect(labelled.status == 0)
        #expect(labelled.stdout.contains("\tpending\tfeedback\t"))
        #expect(labelled.stdout.contains("\tcategory=billing escalate=true team=billing priority=high"))
        let rejectedID = try #require(lines.first { $0.contains("\tfeedback\t") && !$0.hasPrefix(id + "\t") }?.split(separator: "\t").first.map(String.init))
        let rejected = try CLI.run(["learn", "reject", rejectedID, "--reason", "customer was testing"] + db)
        #expect(rejected.status == 0)
        #expect(rejected.stdout.contains("\trejected\tfeedback\t"))
        let approved = try CLI.run(["learn", "approve", "--all"] + db)
        #expect(approved.status == 0)
        #expect(approved.stdout == "approved 9 items\n")

        let suite = scratch.file("learned.yaml")
        let applied = try CLI.run(["learn", "apply", "--suite", suite] + db)
        #expect(applied.stderr == "")
        #expect(applied.stdout == "applied 15 items to \(suite) (suite learned, 15 scenarios)\n")
        #expect(try CLI.run(["learn", "list", "--status", "applied"] + db).stdout.split(separator: "\n").count == 15)

        let validate = try CLI.run(["validate", "scenarios", suite])
        #expect(validate.status == 0)
        let run = try CLI.run(["run", "scenarios", suite, "--db", scratch.file("runs.sqlite")])
        #expect(run.status != 2 && run.status != 3)
        #expect(run.stdout.contains("learned"))

        let report = try CLI.run(["learn", "report"] + db)
        #expect(report.status == 0)
        #expect(report.stdout.hasPrefix("""
            Learning queue
              source      pending   approved  rejected  applied   duplicate total
              feedback    0         0         1         1         19        21
              correction  0         0         0         14        32        46

            Applied items re-checked with the current rules and prompts: 15
            """))

        let again = try CLI.run(["learn", "import", Self.export] + db, environment: Self.key)
        #expect(again.status == 0)
        #expect(again.stdout == "240 conversations read: 0 new, 67 already imported, 173 with nothing to learn (no correction or negative feedback)\n")
    }

    @Test func badLinesAreReportedAndTheGoodOnesImported() throws {
        let file = scratch.file("bad.jsonl")
        let good = #"{"conversation_id": "c-1", "channel": "email", "messages": [{"role": "customer", "text": "my invoice is wrong"}], "feedback": {"type": "thumbs_down"}}"#
        let bad = #"{"conversation_id": "c-2", "channel": "email", "messages": [{"role": "customer", "text": "hi"}], "correction": {"category": "refund"}}"#
        try [good, bad].joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let output = try CLI.run(["learn", "import", file, "--db", scratch.database], environment: Self.key)
        #expect(output.status == 2)
        #expect(output.stdout == "1 conversation read: 1 new, 0 already imported, 0 with nothing to learn (no correction or negative feedback)\n  feedback: 1 pending\n")
        #expect(output.stderr.hasPrefix("\(file):2:"))
        #expect(output.stderr.contains("unknown category \"refund\""))
        #expect(output.stderr.hasSuffix("1 bad line skipped; the good ones were imported.\n"))
    }
}
