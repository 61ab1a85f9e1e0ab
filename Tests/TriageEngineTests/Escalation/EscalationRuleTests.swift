import Testing
@testable import TriageEngine

/// Rule evaluation and precedence of the shipped default policy, table-driven over labels.
@Suite("Escalation rules")
struct EscalationRuleTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var category: String
        var sentiment = "neutral"
        var churn = false
        var plan = "pro"
        var signals: [String] = []
        // expected
        var escalate: Bool
        var team: String?
        var tier: EscalationTier
        var priority: String
        var winner: String?
        var testDescription: String { "\(category)/\(sentiment)/churn=\(churn)/\(plan)/\(signals) -> \(team ?? "none")" }
    }

    static let cases: [Case] = [
        Case(category: "billing", sentiment: "frustrated", escalate: true, team: "billing", tier: .always, priority: "high", winner: "billing-dispute"),
        Case(category: "security", escalate: true, team: "security", tier: .always, priority: "urgent", winner: "security-incident"),
        // Security outranks billing when a compromise caused the charges.
        Case(category: "billing", signals: ["compromise"], escalate: true, team: "security", tier: .always, priority: "urgent", winner: "security-incident"),
        Case(category: "legal_privacy", escalate: true, team: "legal", tier: .always, priority: "high", winner: "legal-privacy-request"),
        Case(category: "account_deletion", escalate: true, team: "customer_success", tier: .always, priority: "normal", winner: "account-deletion"),
        Case(category: "data_loss", escalate: true, team: "engineering", tier: .likely, priority: "urgent", winner: "data-loss"),
        // The declared exception: trivial and already recovered.
        Case(category: "data_loss", signals: ["recovered", "trivial"], escalate: false, team: nil, tier: .never, priority: "normal", winner: nil),
        Case(category: "data_loss", signals: ["trivial"], escalate: true, team: "engineering", tier: .likely, priority: "urgent", winner: "data-loss"),
        Case(category: "how_to", churn: true, escalate: true, team: "customer_success", tier: .likely, priority: "high", winner: "churn-signal"),
        Case(category: "how_to", sentiment: "angry", escalate: true, team: "customer_success", tier: .likely, priority: "high", winner: "angry-customer"),
        Case(category: "how_to", escalate: false, team: nil, tier: .never, priority: "low", winner: "self-service"),
        Case(category: "technical_bug", plan: "enterprise", signals: ["blocked"], escalate: false, team: nil, tier: .never, priority: "urgent", winner: "self-service"),
        Case(category: "technical_bug", plan: "pro", signals: ["blocked"], escalate: false, team: nil, tier: .never, priority: "normal", winner: "self-service"),
        // Data loss ranks before churn and anger.
        Case(category: "data_loss", sentiment: "angry", churn: true, escalate: true, team: "engineering", tier: .likely, priority: "urgent", winner: "data-loss"),
        Case(category: "billing", sentiment: "angry", escalate: true, team: "billing", tier: .always, priority: "high", winner: "billing-dispute"),
        Case(category: "account_access", escalate: false, team: nil, tier: .never, priority: "normal", winner: "self-service"),
        Case(category: "general", escalate: false, team: nil, tier: .never, priority: "low", winner: "self-service"),
        Case(category: "feature_request", churn: true, plan: "free", escalate: true, team: "customer_success", tier: .likely, priority: "high", winner: "churn-signal"),
    ]

    @Test(arguments: cases)
    func decides(_ rule: Case) {
        let labels = Classification(category: rule.category, confidence: 0.9, sentiment: rule.sentiment, sentimentScore: 0, churnRisk: rule.churn,
                                    signals: rule.signals)
        let ticket = Fixtures.ticket("irrelevant", plan: rule.plan)
        let (outcome, _) = Fixtures.pipeline.rules(ticket, stage1: labels, stage2: nil)
        #expect(outcome.escalate == rule.escalate)
        #expect(outcome.team == rule.team)
        #expect(outcome.tier == rule.tier)
        #expect(outcome.priority == rule.priority)
        #expect(outcome.trace.winner == rule.winner)
        #expect(outcome.trace.rules.count == Fixtures.policy.rules.count)
    }

    @Test(arguments: [("enterprise", 1.0), ("pro", 4.0), ("free", 24.0)])
    func slaByPlan(plan: String, hours: Double) {
        let labels = Classification(category: "billing", confidence: 1, sentiment: "neutral", sentimentScore: 0, churnRisk: false)
        let (outcome, _) = Fixtures.pipeline.rules(Fixtures.ticket("x", plan: plan), stage1: labels, stage2: nil)
        #expect(outcome.slaHours == hours)
    }

    @Test func traceSaysWhyTheWinnerWon() {
        let labels = Classification(category: "billing", confidence: 1, sentiment: "angry", sentimentScore: -0.8, churnRisk: true)
        let (outcome, _) = Fixtures.pipeline.rules(Fixtures.ticket("x"), stage1: labels, stage2: nil)
        #expect(outcome.trace.fired == ["billing-dispute", "churn-signal", "angry-customer"])
        #expect(outcome.trace.why == "billing-dispute (always) ranks first in precedence among fired: billing-dispute, churn-signal, angry-customer")
        #expect(outcome.trace.priorityRule == "high-disputes-legal")
        let dataLoss = outcome.trace.rules.first { $0.rule == "data-loss" }!
        #expect(dataLoss.fired == false)
        #expect(dataLoss.detail == "")
        #expect(outcome.trace.rules.first { $0.rule == "billing-dispute" }!.detail == "when category=billing")
    }

    /// Every condition kind, evaluated on a policy written for the test.
    @Test func conditionKinds() throws {
        let escalation = """
            rules:
              - {id: vip-whatsapp, tier: always, team: customer_success, when: {plan: enterprise, channel: whatsapp}}
              - {id: followup, tier: likely, team: engineering, when: {stage: 2, sentiment_score: {below: -0.2}}}
              - {id: lawyer-word, tier: always, team: legal, when: {text_matches: ["my lawyer"]}}
              - {id: invoice-number, tier: likely, team: billing, when: {text_pattern: "INV-[0-9]+", not: {confidence: {at_least: 0.99}}}}
            precedence: [vip-whatsapp, lawyer-word, followup, invoice-number]
            priority:
              - {id: p, priority: high, when: {fired: [lawyer-word, followup]}}
            """
        let policy = try Fixtures.policy(escalation: escalation)
        let pipeline = TriagePipeline(policy: policy, replies: Fixtures.replies)
        let neutral = Classification(category: "general", confidence: 0.5, sentiment: "neutral", sentimentScore: 0, churnRisk: false)
        func decide(_ ticket: Ticket, _ labels: Classification = neutral, stage2: Bool = false) -> EscalationEngine.Outcome {
            pipeline.rules(ticket, stage1: labels, stage2: stage2 ? labels : nil).0
        }
        #expect(decide(Fixtures.ticket("hi", channel: "whatsapp", plan: "enterprise")).trace.winner == "vip-whatsapp")
        #expect(decide(Fixtures.ticket("hi", channel: "email", plan: "enterprise")).escalate == false)
        #expect(decide(Fixtures.ticket("my lawyer will call")).team == "legal")
        #expect(decide(Fixtures.ticket("my lawyer will call")).priority == "high")
        // Negated phrases do not match.
        #expect(decide(Fixtures.ticket("no need for my lawyer here")).escalate == false)
        var upset = neutral
        upset.sentimentScore = -0.3
        #expect(decide(Fixtures.ticket("hm"), upset, stage2: true).trace.winner == "followup")
        #expect(decide(Fixtures.ticket("hm"), upset, stage2: false).escalate == false)
        #expect(decide(Fixtures.ticket("see INV-42")).team == "billing")
        var sure = neutral
        sure.confidence = 1
        #expect(decide(Fixtures.ticket("see INV-42"), sure).escalate == false)
    }
}
