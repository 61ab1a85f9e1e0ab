import Foundation
import TriageEngine

extension Comparison.Input {
    /// A stored run's results (summary detail) and calls, ready to compare; nil when there is no such run.
    public static func load(run id: Int64, from store: any RunStore, name: String? = nil) throws -> Comparison.Input? {
        guard let run = try store.run(id) else { return nil }
        return Comparison.Input(run: run, results: try store.results(run: id, detail: .summary), calls: try store.calls(run: id), name: name)
    }

    /// The run a reference names (a group's shards merged into one run), ready to compare; nil when the store has no such run.
    public static func load(_ reference: RunReference, from store: any RunStore, name: String? = nil) throws -> Comparison.Input? {
        if case .group(let group) = reference { return try RunGroup.load(group, from: store)?.input(from: store, name: name) }
        guard let id = try reference.resolve(in: store) else { return nil }
        return try load(run: id, from: store, name: name)
    }
}

extension Comparison.Input {
    /// A baseline run ready to compare: a shard approved as the baseline (`baseline set group:NAME` approves
    /// the group's representative shard) stands for its whole group, merged; nil when there is no such run.
    public static func load(baseline id: Int64, from store: any RunStore) throws -> Comparison.Input? {
        guard let run = try store.run(id) else { return nil }
        if let shard = run.shard, let group = try RunGroup.load(shard.group, from: store) {
            return try group.input(from: store, name: "baseline group:\(shard.group)")
        }
        return try load(run: id, from: store, name: "baseline #\(id)")
    }
}

extension Comparison {
    /// For each suite a run compared against a baseline at run time (see ``RunGates/baselines``), that comparison.
    public static func baselineComparisons(for run: StoredRun, results: [ScenarioResult], calls: [CallRecord],
                                           store: any RunStore) throws -> [String: Comparison] {
        var comparisons: [String: Comparison] = [:]
        let candidate = Comparison.Input(run: run, results: results, calls: calls, name: "#\(run.id)")
        for (suite, baselineID) in run.gates.baselines {
            guard let baseline = try Comparison.Input.load(baseline: baselineID, from: store) else { continue }
            let alpha = run.gates.suites[suite]?.noRegressionAlpha ?? run.gates.run.noRegressionAlpha ?? 0.05
            comparisons[suite] = Comparison.build(a: baseline, b: candidate, alpha: alpha, suite: suite)
        }
        return comparisons
    }
}
