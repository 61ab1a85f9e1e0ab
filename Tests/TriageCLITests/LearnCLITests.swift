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
              feedback: 9 pending, 12 duplicate
              correction: 22 pending, 23 approved, 1 duplicate

            """)

        let pending = try CLI.run(["learn", "list", "--status", "pending"] + db)
        #expect(pending.status == 0)
        let lines = pending.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 31)
        let unlabelled = try #require(lines.first { $0.contains("\tfeedback\t") })
        let id = try #require(unlabelled.split(separator: "\t").first.map(String.init))
        #expect(unlabelled.hasSuffix("\tno labels"))
        let duplicates = try CLI.run(["learn", "list", "--status", "duplicate"] + db)
        #expect(duplicates.stdout.split(separator: "\n").count == 13)
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
        #expect(approved.stdout == "approved 23 items\n7 pending without labels (label them first): 14, 18, 26, 30, 35, 39, 47\n")

        let suite = scratch.file("learned.yaml")
        let applied = try CLI.run(["learn", "apply", "--suite", suite] + db)
        #expect(applied.stderr == "")
        #expect(applied.stdout == "applied 46 items to \(suite) (suite learned, 46 scenarios)\n")
        #expect(try CLI.run(["learn", "list", "--status", "applied"] + db).stdout.split(separator: "\n").count == 46)

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
              feedback    7         0         1         1         12        21
              correction  0         0         0         45        1         46

            Applied items re-checked with the current rules and prompts: 46
            """))

        let again = try CLI.run(["learn", "import", Self.export] + db, environment: Self.key)
        #expect(again.status == 0)
        #expect(again.stdout == "240 conversations read: 0 new, 67 already imported, 173 with nothing to learn (no correction or negative feedback)\n")
    }

    /// `learn report --format markdown|json --output` write what they print; `learn list --format json` is the
    /// queue as JSON; a rejection's reason is redacted before it is stored or printed.
    @Test func reportAndListFormatsAndARedactedRejection() throws {
        let db = ["--db", scratch.database]
        #expect(try CLI.run(["learn", "import", Self.export] + db, environment: Self.key).status == 0)
        let listed = try CLI.run(["learn", "list", "--format", "json", "--status", "pending"] + db)
        #expect(listed.status == 0)
        let pending = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        #expect(pending.count == 31)
        #expect(pending.allSatisfy { $0["status"] as? String == "pending" && $0.keys.count == 13 })
        let first = try #require(pending.first)
        let id = try #require(first["id"] as? Int)
        // The customer's real name, from the export, and one planted value of each kind.
        let conversationID = try #require(first["conversation_id"] as? String)
        let line = try #require(try String(contentsOfFile: Self.export, encoding: .utf8).split(separator: "\n").first { $0.contains("\"\(conversationID)\"") })
        let name = try #require((try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["customer"] as? String)
        let values = [name, "dana.k@example.com", "+44 20 7946 0958", "4111 1111 1111 1111", "GB82 WEST 1234 5698 7654 32", "221 Baker Street"]
        let rejected = try CLI.run(["learn", "reject", String(id), "--reason", "testing: " + values.joined(separator: "; ")] + db, environment: Self.key)
        #expect(rejected.status == 0, "\(rejected.stderr)")
        #expect(rejected.stdout.contains(/\trejected\t[a-z]+\t[a-z0-9-]+\t.*\ttesting: Customer-[0-9a-f]{8}; \[email\]; \[phone\]; \[card\]; \[iban\]; \[address\]\n$/))
        let report = try CLI.run(["learn", "report", "--format", "json", "--output", scratch.file("learn.json")] + db)
        #expect(report.status == 0, "\(report.stderr)")
        #expect(try String(contentsOfFile: scratch.file("learn.json"), encoding: .utf8) == report.stdout)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        #expect(object["format_version"] as? Int == 1)
        #expect(object["total"] as? Int == 67)
        #expect(object["items"] as? [String: [String: Int]] == [
            "correction": ["pending": 21, "approved": 23, "rejected": 1, "applied": 0, "duplicate": 1, "total": 46],
            "feedback": ["pending": 9, "approved": 0, "rejected": 0, "applied": 0, "duplicate": 12, "total": 21]])
        let markdown = try CLI.run(["learn", "report", "--format", "markdown", "--output", scratch.file("learn.md")] + db)
        #expect(markdown.status == 0)
        #expect(try String(contentsOfFile: scratch.file("learn.md"), encoding: .utf8) == markdown.stdout)
        #expect(markdown.stdout.hasPrefix("## Learning queue\n\n| source | pending | approved | rejected | applied | duplicate | total |\n"))
        let everything = try CLI.run(["learn", "list", "--format", "json"] + db)
        let all = try #require(try JSONSerialization.jsonObject(with: Data(everything.stdout.utf8)) as? [[String: Any]])
        #expect(all.count == 67)
        let outputs = [rejected.stdout, report.stdout, markdown.stdout, everything.stdout, try CLI.run(["learn", "list"] + db).stdout]
        #expect(values.filter { value in outputs.contains { $0.contains(value) } } == [])
        let store = try Data(contentsOf: URL(fileURLWithPath: scratch.database))
            + ((try? Data(contentsOf: URL(fileURLWithPath: scratch.database + "-wal"))) ?? Data())
        #expect(values.filter { store.range(of: Data($0.utf8)) != nil } == [])

        let markdownList = try CLI.run(["learn", "list", "--format", "markdown"] + db)
        #expect(markdownList.status == 2)
        #expect(markdownList.stderr.hasPrefix("Error: learn list takes --format text or json\n"))
        let unwritable = try CLI.run(["learn", "report", "--output", scratch.file("missing/dir/learn.txt")] + db)
        #expect(unwritable.status == 3)
        #expect(unwritable.stderr.hasPrefix("triage-eval: cannot write \(scratch.file("missing/dir/learn.txt")): "))
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

    /// A bad line is as personal as a good one: its quoted line is redacted, and a line that is not UTF-8 spoils
    /// only itself.
    @Test func badLinesAreQuotedRedacted() throws {
        let file = scratch.file("personal.jsonl")
        let good = #"{"conversation_id": "c-1", "channel": "email", "messages": [{"role": "customer", "text": "my invoice is wrong"}], "feedback": {"type": "thumbs_down"}}"#
        let bad = #"{"conversation_id": "c-2", "channel": "fax", "customer": "Lena Kowalski", "messages": [{"role": "customer", "text": "I am Lena, write to lena.k@example.com"}]}"#
        let notUTF8 = Array(#"{"conversation_id": "c-3", "channel": "email", "customer": "Lena Kowalski", "messages": [{"role": "customer", "text": "lena.k@example.com "#.utf8)
            + [0xC3, 0x28] + Array(#""}]}"#.utf8)
        let bytes = Array((good + "\n" + bad + "\n").utf8) + notUTF8 + Array("\n".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        let output = try CLI.run(["learn", "import", file, "--db", scratch.database], environment: Self.key)
        #expect(output.status == 2)
        #expect(output.stdout.hasPrefix("1 conversation read: 1 new"))
        let lines = output.stderr.components(separatedBy: "\n")
        #expect(lines.filter { $0.hasPrefix(file) } == [
            "\(file):2:39: error: field \"channel\": unknown channel \"fax\"; expected one of: email, whatsapp, web_form",
            "\(file):3:139: error: invalid UTF-8 (byte 0xC3); expected UTF-8 text",
        ])
        for secret in ["Lena", "Kowalski", "lena.k@example.com"] { #expect(!output.stderr.contains(secret)) }
        #expect(output.stderr.contains("[email]"))
        #expect(output.stderr.hasSuffix("2 bad lines skipped; the good ones were imported.\n"))
    }
}
