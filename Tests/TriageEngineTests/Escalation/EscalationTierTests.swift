import Testing
@testable import TriageEngine

/// ``EscalationEngine/escalationTier(_:)`` (for expected tiers) gives exactly the tier ``decide(_:)``
/// escalates with, over every combination of the labels the shipped rules read.
@Suite("Escalation tier without a trace")
struct EscalationTierTests {
    @Test func agreesWithDecideOnEveryLabelCombination() {
        let policy = Fixtures.policy
        let engine = EscalationEngine(policy: policy)
        let signalSets: [[String]] = [[], ["compromise"], ["trivial", "recovered"], ["trivial"], ["blocked"], Array(policy.lexicon.signals.keys.sorted())]
        var compared = 0
        var escalated = 0
        for category in policy.taxonomy.categoryNames + ["unknown"] {
            for sentiment in policy.taxonomy.sentimentNames {
                for churn in [false, true] {
                    for signals in signalSets {
                        for plan in policy.taxonomy.planNames {
                            let labels = Classification(category: category, confidence: 0.9, sentiment: sentiment, sentimentScore: 0,
                                                        churnRisk: churn, signals: signals, reason: "")
                            let ticket = Fixtures.ticket("text", plan: plan)
                            let context = RuleContext(classification: labels, ticket: ticket, stage: 1, customerText: [], rawCustomerText: "", fired: [])
                            let outcome = engine.decide(context)
                            #expect(engine.escalationTier(context) == (outcome.escalate ? outcome.tier : nil), "\(category) \(sentiment) \(churn) \(signals) \(plan)")
                            #expect(Fixtures.pipeline.escalationTier(ticket, labels: labels) == (outcome.escalate ? outcome.tier : nil))
                            compared += 1
                            if outcome.escalate { escalated += 1 }
                        }
                    }
                }
            }
        }
        #expect(compared > 500)
        #expect(escalated > 0 && escalated < compared)
    }
}
