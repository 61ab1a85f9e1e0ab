import Foundation
import LoopbackServer
import Testing

/// `triage-eval quality --judge-model` through the built binary against the in-process OpenAI stub.
@Suite("CLI quality with a judge model", .serialized)
struct QualityJudgeCLITests {
    let scratch = ScratchDirectory()

    /// c-1: the second agent turn contradicts the first in other words; c-2: two agent turns that agree;
    /// c-3: one agent turn (no judge call).
    static let export = [
        #"{"conversation_id": "c-1", "channel": "email", "messages": [{"role": "customer", "text": "Was my refund approved?"}, {"role": "agent", "text": "Yes, your refund has been approved."}, {"role": "customer", "text": "When will it arrive?"}, {"role": "agent", "text": "Your refund request was declined by billing."}]}"#,
        #"{"conversation_id": "c-2", "channel": "email", "messages": [{"role": "customer", "text": "How do I export?"}, {"role": "agent", "text": "Open the project and pick Export."}, {"role": "customer", "text": "Where?"}, {"role": "agent", "text": "The menu at the top right holds it."}]}"#,
        #"{"conversation_id": "c-3", "channel": "email", "messages": [{"role": "customer", "text": "Hi"}, {"role": "agent", "text": "Hello, how can I help?"}]}"#,
    ].joined(separator: "\n") + "\n"

    /// Writes the export and a models file naming the stub `stub-judge`; returns their paths.
    func files(_ stub: OpenAIStub) throws -> (export: String, models: String) {
        let export = scratch.file("export.jsonl")
        try Self.export.write(toFile: export, atomically: true, encoding: .utf8)
        let models = scratch.file("models.yaml")
        try """
            models:
              - name: stub-judge
                provider: openai
                base_url: \(stub.baseURL.absoluteString)
                model: stub-model
                timeout_seconds: 5
            """.write(toFile: models, atomically: true, encoding: .utf8)
        return (export, models)
    }

    /// The user message of a request.
    static func user(_ request: ServerRequest) -> String {
        (request.jsonObject?["messages"] as? [[String: Any]])?.last?["content"] as? String ?? ""
    }

    @Test func judgeFindsTheContradictionSaysWhichCheckRanAndReplaysWithTheServerGone() throws {
        let stub = try OpenAIStub(answer: { request in
            Self.user(request).contains("declined")
                ? #"{"contradictions": [{"earlier": 2, "later": 4, "reason": "approved, then declined"}]}"#
                : #"{"contradictions": []}"#
        })
        let (export, models) = try files(stub)
        let arguments = ["quality", export, "--judge-model", "stub-judge", "--models", models, "--db", scratch.file("cache.sqlite")]
        let first = try CLI.run(arguments)
        stub.stop()
        #expect(first.status == 0)
        #expect(first.stderr == "")
        #expect(stub.requestCount == 2)
        let lines = first.stdout.components(separatedBy: "\n")
        #expect(lines[0] == "Conversation quality: 3 conversations, mean health 88.3; 0 with loops, 1 with contradictions")
        #expect(lines[1].hasPrefix("  loops: similarity >= 0.85 by hashed-trigram-512; contradictions: judge stub-judge (prompt contradiction@"))
        #expect(lines[1].range(of: #"@[0-9a-f]{12}\)$"#, options: .regularExpression) != nil)
        #expect(Array(lines.dropFirst(2)) == [
            "",
            "c-1 (health 65, \(export):1)",
            "  contradiction (judge: approved, then declined)",
            "    turn 2: \"Yes, your refund has been approved.\"",
            "    turn 4: \"Your refund request was declined by billing.\"",
            "",
        ])
        // The offline check does not see it.
        let offline = try CLI.run(["quality", export])
        #expect(offline.stdout.hasPrefix("Conversation quality: 3 conversations, mean health 100.0; 0 with loops, 0 with contradictions\n"
                                         + "  loops: similarity >= 0.85 by hashed-trigram-512; contradictions: offline-negation-values-yesno\n"))
        // Replay: the same report from the cache, with the server gone.
        let replay = try CLI.run(arguments + ["--replay"])
        #expect(replay.status == 0)
        #expect(replay.stdout == first.stdout)
        #expect(replay.stderr == "")
    }

    @Test func anUnusableAnswerErrorsTheConversationAndExitsThree() throws {
        let stub = try OpenAIStub(answer: { request in
            Self.user(request).contains("declined") ? #"{"contradictions": [{"earlier": 1, "later": 4}]}"# : #"{"contradictions": []}"#
        })
        defer { stub.stop() }
        let (export, models) = try files(stub)
        let result = try CLI.run(["quality", export, "--judge", "stub-judge", "--models", models, "--no-cache"])
        #expect(result.status == 3)
        #expect(result.stdout.hasPrefix("Conversation quality: 2 conversations scored, 1 errored, mean health 100.0; 0 with loops, 0 with contradictions\n"))
        #expect(result.stdout.hasSuffix("""

            c-1 (errored, not scored, \(export):1)
              judge_answer: contradiction 1: turn 1 is not an agent turn; the agent turns are 2, 4; the judge answered "{"contradictions": [{"earlier": 1, "later": 4}]}"

            """))
        #expect(result.stderr == "triage-eval: 1 conversation could not be scored (judge_answer 1); they are listed in the report and not counted in the mean health.\n")
        let json = try CLI.run(["quality", export, "--judge", "stub-judge", "--models", models, "--no-cache", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let errored = try #require(object["errored"] as? [[String: Any]])
        #expect(errored.map { $0["error_class"] as? String } == ["judge_answer"])
    }

    @Test func anUnknownJudgeIsInvalidInput() throws {
        let stub = try OpenAIStub()
        defer { stub.stop() }
        let (export, models) = try files(stub)
        let result = try CLI.run(["quality", export, "--judge-model", "nope", "--models", models, "--no-cache"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("triage-eval: unknown judge model \"nope\"; expected one of: "))
        #expect(result.stdout == "")
        #expect(stub.requestCount == 0)
    }
}
