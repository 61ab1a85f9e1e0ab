import Foundation
import Testing

/// `triage-eval quality` through the built binary on the sample production export.
@Suite("CLI quality", .serialized)
struct QualityCLITests {
    static let export = "Tests/Fixtures/production/export.jsonl"
    let scratch = ScratchDirectory()

    @Test func scoresTheSampleExportInEveryFormat() throws {
        let text = try CLI.run(["quality", Self.export])
        #expect(text.status == 0)
        #expect(text.stderr == "")
        #expect(text.stdout.hasPrefix("Conversation quality: 240 conversations, mean health 91.9; 29 with loops, 35 with contradictions\n"))
        #expect(text.stdout.contains("  contradiction (negation flip)\n"))
        #expect(text.stdout.contains("[email]"))

        let markdown = try CLI.run(["quality", Self.export, "--format", "markdown"])
        #expect(markdown.status == 0)
        #expect(markdown.stdout.hasPrefix("## Conversation quality\n\n240 conversations, mean health 91.9;"))

        let json = try CLI.run(["quality", Self.export, "--format", "json"])
        #expect(json.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["conversations"] as? Int == 240)
        #expect((object["failed"] as? [Any])?.count == 64)
    }

    /// A planted e-mail address and name in a looping turn are printed redacted in every format.
    @Test func personalDataNeverReachesTheOutput() throws {
        let file = scratch.file("pii.jsonl")
        let repeated = "I sent the link to dana.kowalski@example.com and to +44 20 7946 0958, Dana Kowalski."
        let line = #"{"conversation_id": "c-9", "channel": "email", "customer": "Dana Kowalski", "messages": [{"role": "customer", "text": "help"}, {"role": "agent", "text": "\#(repeated)"}, {"role": "customer", "text": "nothing came"}, {"role": "agent", "text": "\#(repeated)"}]}"#
        try (line + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        for format in ["text", "markdown", "json"] {
            let output = try CLI.run(["quality", file, "--format", format], environment: ["TRIAGE_EVAL_PSEUDONYM_KEY": "cli-test"])
            #expect(output.status == 0)
            #expect(output.stdout.contains("I sent the link to [email] and to [phone], Customer-"))
            for value in ["dana.kowalski", "7946", "Dana", "Kowalski"] { #expect(!output.stdout.contains(value), "\(value) in \(format)") }
        }
    }

    @Test func badLinesExitTwoAfterScoringTheGoodOnes() throws {
        let file = scratch.file("bad.jsonl")
        let good = #"{"conversation_id": "c-1", "channel": "email", "messages": [{"role": "customer", "text": "hi"}]}"#
        let bad = #"{"conversation_id": "c-2", "channel": "fax", "messages": [{"role": "customer", "text": "hi"}]}"#
        try [good, bad, "{oops"].joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let output = try CLI.run(["quality", file])
        #expect(output.status == 2)
        #expect(output.stdout.hasPrefix("Conversation quality: 1 conversation, mean health 100.0; 0 with loops, 0 with contradictions\n"))
        #expect(output.stderr == """
            \(file):2:39: error: field "channel": unknown channel "fax"; expected one of: email, whatsapp, web_form
            \(bad)
                                                  ^
            \(file):3:2: error: invalid JSON: expected a key in double quotes, found "o"
            {oops
             ^
            2 bad lines skipped; 1 conversation scored.

            """)
        let missing = try CLI.run(["quality", scratch.file("none.jsonl")])
        #expect(missing.status == 2)
        #expect(missing.stderr.hasSuffix("none.jsonl: error: no such file\n1 bad line skipped; 0 conversations scored.\n"))
    }
}
