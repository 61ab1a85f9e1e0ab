import Foundation

extension HTMLReport {
    /// The HTML page of a run's report with what the store knows around it: the drift of each of the run's
    /// suites that has a completed history, and the comparison with the baseline of the first suite that has
    /// one other than this run.
    /// `candidate` is the report's run as loaded (a group's merged shards); by default the stored run of the report's id.
    public static func build(for report: RunReport, store: any RunStore, history: Int = 20, candidate: Comparison.Input? = nil) throws -> HTMLReport {
        guard let run = try store.run(report.run.id) else { return HTMLReport(run: report) }
        var drift: [DriftReport] = []
        var comparison: Comparison?
        for suite in run.suites {
            if let suiteDrift = try DriftReport.build(store: store, suite: suite, history: history) { drift.append(suiteDrift) }
            if comparison == nil, let baselineID = try store.baseline(suite: suite), baselineID != run.id,
               let baseline = try Comparison.Input.load(baseline: baselineID, from: store),
               let candidate = try candidate ?? Comparison.Input.load(run: run.id, from: store, name: "#\(run.id)") {
                comparison = Comparison.build(a: baseline, b: candidate, suite: suite)
            }
        }
        return HTMLReport(run: report, drift: drift, comparison: comparison)
    }

    /// ``build(for:store:history:)`` of a stored run; nil when there is no such run.
    public static func build(run id: Int64, store: any RunStore, history: Int = 20) throws -> HTMLReport? {
        guard let report = try RunReport.build(run: id, store: store) else { return nil }
        return try build(for: report, store: store, history: history)
    }
}
