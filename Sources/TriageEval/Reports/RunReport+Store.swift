import Foundation

extension RunReport {
    /// The report of a stored run with its gates (regression gates compared with the baselines recorded at run
    /// time); nil when there is no such run.
    public static func build(run id: Int64, store: any RunStore) throws -> RunReport? {
        guard let run = try store.run(id) else { return nil }
        let results = try store.results(run: id, detail: .summary)
        let calls = try store.calls(run: id)
        return try build(input: Comparison.Input(run: run, results: results, calls: calls), store: store)
    }

    /// The report of a loaded run (or merged group) with its gates, regression gates against the baselines recorded at run time.
    public static func build(input: Comparison.Input, store: any RunStore) throws -> RunReport {
        build(run: input.run, results: input.results, calls: input.calls,
              comparisons: try Comparison.baselineComparisons(for: input.run, results: input.results, calls: input.calls, store: store))
    }

    /// The report of the run a reference names (a group's shards merged into one run); nil when the store has no such run.
    public static func build(_ reference: RunReference, store: any RunStore) throws -> RunReport? {
        if case .group = reference {
            guard let input = try Comparison.Input.load(reference, from: store) else { return nil }
            return try build(input: input, store: store)
        }
        guard let id = try reference.resolve(in: store) else { return nil }
        return try build(run: id, store: store)
    }
}
