import TriageEngine

/// Turns a decision into checks against a scenario's expectations and reply assertions.
public struct ScenarioEvaluator: Sendable {
    /// The pipeline whose rules give the expected tier.
    public let pipeline: TriagePipeline

    /// Creates an evaluator.
    public init(pipeline: TriagePipeline) { self.pipeline = pipeline }

    /// The label checks and the text-only reply checks (model-judged assertions are checked by the runner).
    public func checks(_ scenario: Scenario, decision: Decision) -> [CheckOutcome] {
        let actual = ActualLabels(decision)
        var checks: [CheckOutcome] = []
        for field in Expectation.fields {
            guard let expected = scenario.expect.value(of: field), let value = actual.value(of: field) else { continue }
            checks.append(CheckOutcome(field: field, expected: expected, actual: value, passed: expected == value))
        }
        for assertion in scenario.reply {
            if let (passed, found) = assertion.check(decision.reply.parts) {
                checks.append(CheckOutcome(field: "reply", expected: assertion.description, actual: found, passed: passed))
            }
        }
        return checks
    }

    /// The tier the policy gives the expected labels: what the rules would decide had the classifier been right.
    public func expectedTier(_ scenario: Scenario, decision: Decision?) -> EscalationTier? {
        let expect = scenario.expect
        if expect.escalate == false { return .never }
        guard let decision else { return expect.escalate == true ? .likely : nil }
        var labels = decision.classification
        if let category = expect.category { labels.category = category }
        if let sentiment = expect.sentiment { labels.sentiment = sentiment }
        if let churn = expect.churnRisk { labels.churnRisk = churn }
        if let tier = pipeline.escalationTier(scenario.ticket, labels: labels) { return tier }
        return expect.escalate == true ? .likely : (expect.category == nil ? nil : .never)
    }
}
