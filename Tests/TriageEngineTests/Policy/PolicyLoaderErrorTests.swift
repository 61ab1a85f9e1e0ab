import Foundation
import Testing
@testable import TriageEngine

/// Every rule-file error names the file, line and column, quotes the line with a caret and says what was expected.
@Suite("Policy loader errors")
struct PolicyLoaderErrorTests {
    @Test func unknownCategoryInRuleCondition() {
        let text = Fixtures.escalationText.replacingOccurrences(of: "when: {category: legal_privacy}", with: "when: {category: legal}")
        let message = Fixtures.errorText { try Fixtures.policy(escalation: text) }
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("when: {category: legal}") }! + 1
        #expect(message == """
            rules/escalation.yaml:\(line):22: error: unknown category "legal"; expected one of: security, legal_privacy, billing, account_deletion, data_loss, account_access, technical_bug, feature_request, how_to, general
                when: {category: legal}
                                 ^
            """)
    }

    @Test func unknownKeyInRule() {
        let text = """
            rules:
              - id: a
                tier: always
                team: billing
                whn: {category: billing}
            precedence: [a]
            priority: []
            """
        #expect(Fixtures.errorText { try Fixtures.policy(escalation: text) } == """
            rules/escalation.yaml:5:5: error: unknown key "whn" in an escalation rule; expected one of: id, tier, team, description, when, unless
                whn: {category: billing}
                ^
            """)
    }

    @Test func unknownTier() {
        let text = """
            rules:
              - id: a
                tier: sometimes
                team: billing
                when: {category: billing}
            precedence: [a]
            priority: []
            """
        #expect(Fixtures.errorText { try Fixtures.policy(escalation: text) } == """
            rules/escalation.yaml:3:11: error: unknown tier "sometimes"; expected one of: always, likely, never
                tier: sometimes
                      ^
            """)
    }

    @Test func precedenceMustListEveryEscalatingRule() {
        let text = """
            rules:
              - {id: a, tier: always, team: billing, when: {category: billing}}
              - {id: b, tier: likely, team: engineering, when: {category: data_loss}}
            precedence: [a]
            priority: []
            """
        #expect(Fixtures.errorText { try Fixtures.policy(escalation: text) } == """
            rules/escalation.yaml:4:13: error: precedence must list every always and likely rule; missing: b
            precedence: [a]
                        ^
            """)
    }

    @Test func unknownTeam() {
        let text = """
            rules:
              - {id: a, tier: always, team: finance, when: {category: billing}}
            precedence: [a]
            priority: []
            """
        #expect(Fixtures.errorText { try Fixtures.policy(escalation: text) } == """
            rules/escalation.yaml:2:33: error: unknown team "finance"; expected one of: billing, legal, security, engineering, customer_success
              - {id: a, tier: always, team: finance, when: {category: billing}}
                                            ^
            """)
    }

    @Test func yamlSyntaxError() {
        let text = "rules:\n  - id: a\n    tier: [always\n"
        let message = Fixtures.errorText { try Fixtures.policy(escalation: text) }
        #expect(message.hasPrefix("rules/escalation.yaml:4:1: error: invalid YAML: "))
        #expect(message.contains("flow sequence"))
    }

    @Test func badSentimentBand() {
        // Replace whatever the shipped band is (it is tuned) with an out-of-range one.
        let text = Fixtures.taxonomyText.replacingOccurrences(of: #"\{name: angry, max_score: [-0-9.]+\}"#, with: "{name: angry, max_score: -5}",
                                                              options: .regularExpression)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("max_score: -5") }! + 1
        #expect(Fixtures.errorText { try Fixtures.policy(taxonomy: text) } == """
            rules/taxonomy.yaml:\(line):30: error: expected max_score between -1 and 1, found -5
              - {name: angry, max_score: -5}
                                         ^
            """)
    }

    @Test func invalidRegularExpression() {
        let text = """
            rules:
              - {id: a, tier: always, team: billing, when: {text_pattern: "refund("}}
            precedence: [a]
            priority: []
            """
        #expect(Fixtures.errorText { try Fixtures.policy(escalation: text) } == """
            rules/escalation.yaml:2:70: error: invalid regular expression "refund(": missing ) to close this group
              - {id: a, tier: always, team: billing, when: {text_pattern: "refund("}}
                                                                                 ^
            """)
    }

    @Test func missingFileNamesThePath() {
        #expect(Fixtures.errorText { try PolicyLoader.load(directory: "/nonexistent/rules") } == "/nonexistent/rules/taxonomy.yaml: error: no such file")
    }

    @Test func shippedPolicyLoads() {
        let policy = Fixtures.policy
        #expect(policy.taxonomy.categoryNames.count == 10)
        #expect(policy.precedence.first == "security-incident")
        #expect(policy.taxonomy.plan(named: "enterprise")?.firstResponseHours == 1)
        #expect(policy.sources.map(\.sha256).allSatisfy { $0.count == 64 })
    }
}
