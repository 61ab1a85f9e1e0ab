import Foundation
import TriageEngine
@testable import TriageEval

/// Five hand-made results with known statistics, used by report, gate and store tests.
enum SyntheticResults {
    static func labels(_ category: String, escalate: Bool) -> Decision {
        let classification = Classification(category: category, confidence: 0.9, sentiment: "neutral", sentimentScore: 0, churnRisk: false)
        return Decision(stage1: classification, stage2: nil, escalate: escalate, team: escalate ? "billing" : nil, tier: escalate ? .always : .never,
                        priority: "normal", slaHours: escalate ? 4 : nil, inputSignals: [], reply: Reply(text: "Hi", parts: ["Hi"]),
                        trace: DecisionTrace(rules: [], winner: escalate ? "billing-dispute" : nil, why: "test", priorityRule: nil))
    }

    static func result(_ ordinal: Int, _ id: String, expected: Expectation, decision: Decision?, tier: EscalationTier?, latency: Double) -> ScenarioResult {
        var checks: [CheckOutcome] = []
        if let decision {
            let actual = ActualLabels(decision)
            for field in Expectation.fields {
                if let value = expected.value(of: field) {
                    checks.append(CheckOutcome(field: field, expected: value, actual: actual.value(of: field)!, passed: value == actual.value(of: field)))
                }
            }
        }
        let status: ScenarioResult.Status = decision == nil ? .errored : (checks.allSatisfy(\.passed) ? .passed : .failed)
        return ScenarioResult(ordinal: ordinal, suite: "s", scenarioID: id, repeatIndex: 0, status: status, expected: expected,
                              actual: decision.map(ActualLabels.init), checks: checks, decision: decision, expectedTier: tier,
                              latencyMs: latency, error: decision == nil ? "ModelError(timeout)" : nil, errorClass: decision == nil ? "timeout" : nil,
                              tags: ["t"])
    }

    /// r1 passes; r2 misses an ALWAYS escalation; r3 is a false escalation; r4 passes; r5 errored.
    static let results: [ScenarioResult] = [
        result(0, "r1", expected: Expectation(category: "billing", escalate: true), decision: labels("billing", escalate: true), tier: .always, latency: 10),
        result(1, "r2", expected: Expectation(category: "billing", escalate: true), decision: labels("how_to", escalate: false), tier: .always, latency: 20),
        result(2, "r3", expected: Expectation(category: "how_to", escalate: false), decision: labels("how_to", escalate: true), tier: .never, latency: 30),
        result(3, "r4", expected: Expectation(category: "how_to", escalate: false), decision: labels("how_to", escalate: false), tier: .never, latency: 40),
        result(4, "r5", expected: Expectation(category: "how_to"), decision: nil, tier: nil, latency: 50),
    ]

    static func run(gates: RunGates = RunGates()) -> StoredRun {
        StoredRun(id: 7, status: .completed, startedAt: Date(timeIntervalSince1970: 1_700_000_000), finishedAt: Date(timeIntervalSince1970: 1_700_000_010),
                  toolVersion: "0.1.0", gitCommit: "abc", engine: EngineDescription(classifier: "builtin-lexical", drafter: "templates",
                  categories: EvalFixtures.policy.taxonomy.categoryNames), gates: gates, plannedResults: 5, suites: ["s"],
                  sources: [SourceFile(kind: "suite", path: "s.yaml", sha256: String(repeating: "0", count: 64))], pid: 1, host: "h")
    }
}
