import Foundation

extension RunReport {
    /// The report of a stored run with its gates (regression gates compared with the baselines recorded at run
    /// time); nil when there is no such run.
    public static func build(run id: Int64, store: any RunStore) throws -> RunReport? {
        guard let run = try store.run(id) else { return nil }
        let results = try store.results(run: id, detail: .summary)
        let calls = try store.calls(run: id)
        return build(run: run, results: results, calls: calls,
                     comparisons: try Comparison.baselineComparisons(for: run, results: results, calls: calls, store: store))
    }

    /// The report of the run a reference names; nil when the store has no such run.
    public static func build(_ reference: RunReference, store: any RunStore) throws -> RunReport? {
        guard let id = try reference.resolve(in: store) else { return nil }
        return try build(run: id, store: store)
    }
}
