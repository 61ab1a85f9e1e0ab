import Foundation
import Testing
import TriageEngine
@testable import TriageEval

/// Defect 9 and the reply-regex half of defect 1 in suite files: exact positioned errors.
@Suite("Suite hardening")
struct SuiteHardeningTests {
    @Test(arguments: [
        ("id: a", "id: \"\"", 3, 9, "scenario id", "  - id: \"\""),
        ("customer: Lee", "customer: ''", 6, 15, "customer name", "    customer: ''"),
        ("text: \"hi\"", "text: \"\"", 8, 32, "message text", "      - {role: customer, text: \"\"}"),
    ])
    func emptyQuotedStringsAreRejected(_ original: String, _ replacement: String, _ line: Int, _ column: Int, _ what: String, _ quoted: String) {
        let text = EvalFixtures.header.replacingOccurrences(of: original, with: replacement)
        #expect(EvalFixtures.errorText { try EvalFixtures.suite(text) } == """
            scenarios/t.yaml:\(line):\(column): error: expected \(what) (text), found an empty text ""
            \(quoted)
            \(String(repeating: " ", count: column - 1))^
            """)
    }

    @Test func emptyRubricIsRejected() {
        let text = EvalFixtures.header + "    reply:\n      - rubric: \"\"\n"
        #expect(EvalFixtures.errorText { try EvalFixtures.suite(text) } == """
            scenarios/t.yaml:10:17: error: expected a rubric (text), found an empty text ""
                  - rubric: ""
                            ^
            """)
    }

    @Test func replyRegexWithABackreferenceIsPositioned() {
        let text = EvalFixtures.header + "    reply:\n      - regex: '(team)\\s+\\1'\n"
        #expect(EvalFixtures.errorText { try EvalFixtures.suite(text) } == #"""
            scenarios/t.yaml:10:26: error: invalid regular expression "(team)\s+\1": backreference \1 is not supported (patterns must run in time linear in the text)
                  - regex: '(team)\s+\1'
                                     ^
            """#)
    }

    @Test func replyRegexRunsInLinearTime() throws {
        // 16 s per ticket with the backtracking engine; a bounded number of VM steps here.
        let suite = try EvalFixtures.suite(EvalFixtures.header + "    reply:\n      - regex: '^(\\w+\\s?)*$'\n")
        guard case let .regex(pattern) = suite.scenarios[0].reply[0] else { Issue.record("not a regex"); return }
        let reply = String(repeating: "word ", count: 2_000) + "!"
        #expect(ReplyAssertion.regex(pattern).check([reply])?.passed == false)
        let steps = pattern.regex.firstMatch(scalars: reply.unicodeScalars.map(\.value)).steps
        #expect(steps <= 5 * (reply.unicodeScalars.count + 1) * pattern.regex.instructionCount)
        #expect(ReplyAssertion.regex(pattern).check(["two words"])?.passed == true)
    }

    @Test func shippedAssertionPatternStillMatches() throws {
        let suite = try EvalFixtures.suite(EvalFixtures.header + "    reply:\n      - regex: \"(?i)our billing team\"\n")
        #expect(suite.scenarios[0].reply[0].check(["Our Billing Team will reply."])?.passed == true)
        #expect(suite.scenarios[0].reply[0].check(["our engineering team"])?.passed == false)
    }

    @Test func emptyAPIKeyEnvironmentVariableIsRejected() {
        let text = EvalFixtures.header.replacingOccurrences(of: "scenarios:", with: """
            models:
              - {name: m, provider: openai, model: gpt-x, api_key_env: ""}
            scenarios:
            """)
        #expect(EvalFixtures.errorText { try EvalFixtures.suite(text) } == """
            scenarios/t.yaml:3:60: error: expected api_key_env (text), found an empty text ""
              - {name: m, provider: openai, model: gpt-x, api_key_env: ""}
                                                                       ^
            """)
    }

    @Test func missingModelPromptsFailValidationNamingTheDirectory() throws {
        let directory = try EvalFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let prompts = directory.appendingPathComponent("my-prompts").path
        try FileManager.default.createDirectory(atPath: prompts, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: EvalFixtures.root + "/prompts/replies.yaml", toPath: prompts + "/replies.yaml")
        try "models:\n  - {name: m, provider: openai, model: x}\n".write(toFile: prompts + "/models.yaml", atomically: true, encoding: .utf8)
        let message = EvalFixtures.errorText {
            try Workspace.load(rules: EvalFixtures.root + "/rules", prompts: prompts, suitePaths: [EvalFixtures.root + "/Tests/Fixtures/cli/pass.yaml"])
        }
        #expect(message == ["classify", "reclassify", "reply"].map { "\(prompts)/\($0).yaml: error: no such file (a model run needs it: models are configured: m)" }
            .joined(separator: "\n"))
    }
}
