import Foundation
import TriageEngine

/// Stored-result benchmarks' rows: each scenario of a workspace triaged once by the built-in engine, then
/// repeated as results `0..<count` (ordinal and repeat index set as a run with repeats stores them).
struct BenchResults {
    /// One result per scenario, in workspace order.
    let templates: [ScenarioResult]

    /// Triages every scenario of `workspace` once.
    init(workspace: Workspace) throws {
        let pipeline = TriagePipeline(policy: workspace.policy, replies: workspace.replies)
        let evaluator = ScenarioEvaluator(pipeline: pipeline)
        templates = try workspace.scenarios.enumerated().map { ordinal, scenario in
            let decision = try pipeline.triageBuiltin(scenario.ticket)
            let checks = evaluator.checks(scenario, decision: decision)
            return ScenarioResult(ordinal: ordinal, suite: scenario.suite, scenarioID: scenario.id, repeatIndex: 0,
                                  status: checks.allSatisfy(\.passed) ? .passed : .failed, expected: scenario.expect, actual: ActualLabels(decision),
                                  checks: checks, decision: decision, expectedTier: evaluator.expectedTier(scenario, decision: decision),
                                  latencyMs: 0.05, error: nil, errorClass: nil, tags: scenario.tags)
        }
    }

    /// Whether the workspace had no scenario (then there is nothing to store).
    var isEmpty: Bool { templates.isEmpty }

    /// The result stored at position `index`.
    func result(_ index: Int) -> ScenarioResult {
        var result = templates[index % templates.count]
        result.ordinal = index
        result.repeatIndex = index / templates.count
        return result
    }
}
