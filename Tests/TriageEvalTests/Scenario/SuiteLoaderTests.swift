import Testing
import TriageEngine
@testable import TriageEval

/// Scenario file errors, pinned as exact text.
@Suite("Suite loader errors")
struct SuiteLoaderTests {
    @Test func unknownCategory() {
        let text = EvalFixtures.header + "    expect:\n      category: refund\n"
        #expect(EvalFixtures.errorText { try EvalFixtures.suite(text) } == """
            scenarios/t.yaml:10:17: error: unknown category "refund"; expected one of: security, legal_privacy, billing, account_deletion, data_loss, account_access, technical_bug, feature_request, how_to, general
                  category: refund
                            ^
            """)
    }

    @Test func teamContradictsEscalateFalse() {
        let text = EvalFixtures.header + "    expect: {escalate: false, team: billing}\n"
        #expect(EvalFixtures.errorText { try EvalFixtures.suite(text) } == """
            scenarios/t.yaml:9:37: error: expect.team "billing" contradicts escalate: false; expected team: none or no team
                expect: {escalate: false, team: billing}
                                                ^
            """)
    }

    @Test func duplicateIDs() {
        let text = EvalFixtures.header + """
              - id: a
                channel: email
                plan: pro
                customer: Lee
                messages: [{role: customer, text: "again"}]

            """
        #expect(EvalFixtures.errorText { try EvalFixtures.suite(text) } == """
            scenarios/t.yaml:9:9: error: duplicate scenario id "a" (first defined on line 3)
              - id: a
                    ^
            """)
    }

    @Test func emptySuite() {
        #expect(EvalFixtures.errorText { try EvalFixtures.suite("suite: empty\nscenarios: []\n") } == """
            scenarios/t.yaml:2:12: error: the suite "empty" has no scenarios; expected at least one
            scenarios: []
                       ^
            """)
    }

    @Test func unknownScenarioKey() {
        let text = EvalFixtures.header + "    expcet: {category: billing}\n"
        #expect(EvalFixtures.errorText { try EvalFixtures.suite(text) } == """
            scenarios/t.yaml:9:5: error: unknown key "expcet" in a scenario; expected one of: id, channel, plan, customer, subject, messages, expect, reply, tags, quality
                expcet: {category: billing}
                ^
            """)
    }

    @Test func unknownChannel() {
        let text = EvalFixtures.header.replacingOccurrences(of: "channel: email", with: "channel: sms")
        #expect(EvalFixtures.errorText { try EvalFixtures.suite(text) } == """
            scenarios/t.yaml:4:14: error: unknown channel "sms"; expected one of: email, whatsapp, web_form
                channel: sms
                         ^
            """)
    }

    @Test func firstMessageMustBeTheCustomers() {
        let text = EvalFixtures.header.replacingOccurrences(of: "{role: customer, text: \"hi\"}", with: "{role: agent, text: \"hi\"}")
        #expect(EvalFixtures.errorText { try EvalFixtures.suite(text) } == """
            scenarios/t.yaml:8:16: error: the first message must be the customer's; found role "agent"
                  - {role: agent, text: "hi"}
                           ^
            """)
    }

    @Test func replyAssertionKinds() throws {
        let text = EvalFixtures.header + """
                reply:
                  - contains: Hi
                  - not_contains: "TF-"
                  - regex: "(?i)hello|hi"
                  - max_chars: 1600
                  - similar: {to: "Hi, thanks", min: 0.5}
                  - rubric: "Greets the customer"

            """
        let suite = try EvalFixtures.suite(text)
        #expect(suite.scenarios[0].reply.map(\.description) == [
            "contains \"Hi\"", "not_contains \"TF-\"", "regex /(?i)hello|hi/", "max_chars 1600", "similar >= 0.5 to \"Hi, thanks\"", "rubric \"Greets the customer\"",
        ])
        let bad = EvalFixtures.header + "    reply:\n      - containz: x\n"
        #expect(EvalFixtures.errorText { try EvalFixtures.suite(bad) } == """
            scenarios/t.yaml:10:9: error: unknown key "containz" in a reply assertion; expected one of: contains, not_contains, regex, max_chars, similar, rubric
                  - containz: x
                    ^
            """)
    }

    @Test func gateErrors() {
        let text = "suite: t\ngates:\n  fields: {categroy: 0.9}\n" + EvalFixtures.header.dropFirst("suite: t\n".count)
        #expect(EvalFixtures.errorText { try EvalFixtures.suite(text) } == """
            scenarios/t.yaml:3:12: error: unknown field "categroy"; expected one of: category, escalate, team, priority, sentiment, churn_risk, reply
              fields: {categroy: 0.9}
                       ^
            """)
    }

    @Test func workspaceReportsEveryBadFileAndDuplicateIDsAcrossSuites() throws {
        let directory = try EvalFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let one = EvalFixtures.header
        let two = EvalFixtures.header.replacingOccurrences(of: "suite: t", with: "suite: u")
        try one.write(to: directory.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        try two.write(to: directory.appendingPathComponent("b.yaml"), atomically: true, encoding: .utf8)
        try "suite: c\nscenarios: {}\n".write(to: directory.appendingPathComponent("c.yaml"), atomically: true, encoding: .utf8)
        do {
            _ = try EvalFixtures.workspace([directory.path])
            Issue.record("expected errors")
        } catch let error as LoadErrors {
            #expect(error.errors.count == 2)
            #expect(error.errors[0].message == "duplicate scenario id \"a\" (also in \(directory.path)/a.yaml)")
            #expect(error.errors[0].file == directory.path + "/b.yaml")
            #expect(error.errors[1].message == "expected scenarios (a list), found a mapping")
        }
    }

    @Test func shippedSuitesLoad() throws {
        let workspace = try EvalFixtures.workspace([EvalFixtures.root + "/scenarios"])
        #expect(workspace.scenarios.count >= 80)
        let categories = Set(workspace.scenarios.compactMap(\.expect.category))
        #expect(categories == Set(EvalFixtures.policy.taxonomy.categoryNames))
        #expect(Set(workspace.scenarios.map(\.ticket.channel)) == Set(EvalFixtures.policy.taxonomy.channelNames))
        #expect(Set(workspace.scenarios.map(\.ticket.plan)) == Set(EvalFixtures.policy.taxonomy.planNames))
    }
}

import Foundation
