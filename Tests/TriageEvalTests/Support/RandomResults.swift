import Foundation
import TriageEngine
@testable import TriageEval

/// Seeded random results for checking the store's SQL aggregates and the streamed JSON against the Swift
/// aggregation and `JSONEncoder`: repeats, errors, every label, tiers, reply checks, injection flags, labels
/// outside the taxonomy and hostile text.
enum RandomResults {
    static let hostile = ["plain", "quote \" and \\ back/slash", "tab\tnew\nline\r\u{1}\u{8}\u{c}\u{1f}\u{7f}", "héllo 😀 \u{2028}", ""]

    /// Results of `scenarios` scenarios (ids `sc0`, …, each in one of `suites`, up to `maxRepeats` repeats), in run order.
    static func results(seed: UInt64, scenarios: Int, maxRepeats: Int, suites: [String] = ["alpha", "beta", "gamma"],
                        idPrefix: String = "sc", ordinalOffset: Int = 0) -> [ScenarioResult] {
        var random = SplitMix64(seed: seed)
        func pick<T>(_ values: [T]) -> T { values[random.nextIndex(below: values.count)] }
        func chance(_ percent: Int) -> Bool { random.nextIndex(below: 100) < percent }
        let categories = EvalFixtures.policy.taxonomy.categoryNames + ["mystery"]
        let teams = ["billing", "tech", "none"]
        let priorities = ["low", "normal", "high"]
        let sentiments = ["neutral", "negative"]
        var results: [ScenarioResult] = []
        for index in 0..<scenarios {
            let suite = pick(suites)
            let expected = Expectation(category: chance(85) ? pick(categories) : nil, escalate: chance(70) ? chance(50) : nil,
                                       team: chance(50) ? pick(teams) : nil, priority: chance(40) ? pick(priorities) : nil,
                                       sentiment: chance(30) ? pick(sentiments) : nil, churnRisk: chance(30) ? chance(50) : nil)
            let tier: EscalationTier? = pick([nil, .always, .likely, .never])
            let repeats = 1 + random.nextIndex(below: maxRepeats)
            for repeatIndex in 0..<repeats {
                let errored = chance(10)
                let actual = errored ? nil : ActualLabels(category: pick(categories), escalate: chance(50), team: pick(teams),
                                                          priority: pick(priorities), sentiment: pick(sentiments), churnRisk: chance(50))
                var checks: [CheckOutcome] = []
                if let actual {
                    for field in Expectation.fields {
                        guard let value = expected.value(of: field), let found = actual.value(of: field) else { continue }
                        checks.append(CheckOutcome(field: field, expected: value, actual: found, passed: value == found))
                    }
                }
                let replyTotal = errored ? 0 : random.nextIndex(below: 3)
                var replyPassed = 0
                for check in 0..<replyTotal {
                    let passed = chance(70)
                    if passed { replyPassed += 1 }
                    checks.append(CheckOutcome(field: "reply", expected: "contains \(check) \(pick(hostile))", actual: pick(hostile), passed: passed))
                }
                let status: ScenarioResult.Status = errored ? .errored : (checks.allSatisfy(\.passed) ? .passed : .failed)
                let latency = pick([0.05, 1, 12.5, 1e-05, 3e20, 0.1 + 0.2]) + Double(random.nextIndex(below: 1000)) / 7
                var result = ScenarioResult(ordinal: ordinalOffset + index, suite: suite, scenarioID: "\(idPrefix)\(index)", repeatIndex: repeatIndex,
                                            status: status, expected: expected, actual: actual, checks: checks, decision: nil, expectedTier: tier,
                                            latencyMs: latency, error: errored ? "failed: \(pick(hostile))" : nil,
                                            errorClass: errored ? pick(["timeout", "rate_limited"]) : nil, tags: [],
                                            winner: chance(40) ? "rule-\(pick(hostile))" : nil, why: chance(50) ? pick(hostile) : nil,
                                            replyTotal: replyTotal, replyPassed: replyPassed)
                if chance(15) { result.inputSignals = chance(50) ? [InputValidator.Signal.injection] : ["input_truncated", InputValidator.Signal.injection] }
                else if chance(10) { result.inputSignals = ["prompt-injection", "input_truncated"] }
                results.append(result)
            }
        }
        return results
    }

    /// A run over `suites` with the fixture taxonomy's categories.
    static func run(suites: [String] = ["alpha", "beta", "gamma"], gates: RunGates = RunGates()) -> StoredRun {
        var run = SyntheticResults.run(gates: gates)
        run.suites = suites
        return run
    }
}
