import Foundation
import TriageEngine

/// Throughput benchmarks of the built-in engine and the store, printed by `triage-eval bench`.
public enum Benchmark {
    /// One measured figure.
    public struct Figure: Sendable {
        /// What was measured.
        public var name: String
        /// How many items.
        public var count: Int
        /// Wall seconds.
        public var seconds: Double
        /// Items per second.
        public var perSecond: Double { seconds > 0 ? Double(count) / seconds : 0 }
    }

    /// Tickets per second through validation, two-stage classification, rules, drafting and formatting,
    /// on one thread and on every core.
    public static func engine(workspace: Workspace, tickets count: Int) -> [Figure] {
        let pipeline = TriagePipeline(policy: workspace.policy, replies: workspace.replies)
        let tickets = workspace.scenarios.map(\.ticket)
        guard !tickets.isEmpty else { return [] }
        // Warm up.
        for ticket in tickets { _ = pipeline.triageBuiltin(ticket) }
        let clock = ContinuousClock()
        var escalated = 0
        let single = clock.measure {
            for index in 0..<count where pipeline.triageBuiltin(tickets[index % tickets.count]).escalate { escalated += 1 }
        }
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let perCore = count / cores
        let parallel = clock.measure {
            DispatchQueue.concurrentPerform(iterations: cores) { core in
                for index in 0..<perCore { _ = pipeline.triageBuiltin(tickets[(index + core) % tickets.count]) }
            }
        }
        return [Figure(name: "engine, 1 thread", count: count, seconds: seconds(single)),
                Figure(name: "engine, \(cores) threads", count: perCore * cores, seconds: seconds(parallel))]
    }

    /// Result rows per second into a fresh store at `path`, in batches like a run writes them.
    public static func store(workspace: Workspace, results count: Int, path: String) throws -> Figure {
        let pipeline = TriagePipeline(policy: workspace.policy, replies: workspace.replies)
        let evaluator = ScenarioEvaluator(pipeline: pipeline)
        let scenarios = workspace.scenarios
        let templates: [ScenarioResult] = scenarios.enumerated().map { ordinal, scenario in
            let decision = pipeline.triageBuiltin(scenario.ticket)
            let checks = evaluator.checks(scenario, decision: decision)
            return ScenarioResult(ordinal: ordinal, suite: scenario.suite, scenarioID: scenario.id, repeatIndex: 0,
                                  status: checks.allSatisfy(\.passed) ? .passed : .failed, expected: scenario.expect, actual: ActualLabels(decision),
                                  checks: checks, decision: decision, expectedTier: evaluator.expectedTier(scenario, decision: decision),
                                  latencyMs: 0.05, error: nil, errorClass: nil, tags: scenario.tags)
        }
        try? FileManager.default.removeItem(atPath: path)
        let store = try Store(path: path)
        let run = StoredRun(id: 0, status: .running, startedAt: Date(), finishedAt: nil, toolVersion: ToolVersion.current, gitCommit: nil,
                            engine: EngineDescription(classifier: "builtin-lexical", drafter: "templates", categories: workspace.policy.taxonomy.categoryNames),
                            gates: RunGates(), plannedResults: count, suites: workspace.suites.map(\.name), sources: workspace.sources,
                            pid: getpid(), host: ProcessInfo.processInfo.hostName)
        let runID = try store.startRun(run)
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            var batch: [ScenarioResult] = []
            batch.reserveCapacity(256)
            for index in 0..<count {
                var result = templates[index % templates.count]
                result.ordinal = index
                result.repeatIndex = index / templates.count
                batch.append(result)
                if batch.count == 256 { try store.append(batch, run: runID); batch.removeAll(keepingCapacity: true) }
            }
            try store.append(batch, run: runID)
        }
        try store.finishRun(runID, status: .completed)
        return Figure(name: "results stored", count: count, seconds: seconds(elapsed))
    }

    static func seconds(_ duration: Duration) -> Double {
        let (whole, fraction) = duration.components
        return Double(whole) + Double(fraction) / 1e18
    }
}
