import Foundation

extension Store {
    /// The HTML page of a run's report with what the store knows around it: the drift of each of the run's
    /// suites that has a completed history, and the comparison with the baseline of the first suite that has
    /// one other than this run.
    public func htmlReport(for report: RunReport, history: Int = 20) throws -> HTMLReport {
        guard let run = try run(report.run.id) else { return HTMLReport(run: report) }
        var drift: [DriftReport] = []
        var comparison: Comparison?
        for suite in run.suites {
            if let suiteDrift = try DriftReport.build(store: self, suite: suite, history: history) { drift.append(suiteDrift) }
            if comparison == nil, let baselineID = try baseline(suite: suite), baselineID != run.id,
               let baseline = try comparisonInput(run: baselineID, name: "baseline #\(baselineID)"),
               let candidate = try comparisonInput(run: run.id, name: "#\(run.id)") {
                comparison = Comparison.build(a: baseline, b: candidate, suite: suite)
            }
        }
        return HTMLReport(run: report, drift: drift, comparison: comparison)
    }

    /// ``htmlReport(for:history:)`` of a stored run; nil when there is no such run.
    public func htmlReport(run id: Int64, history: Int = 20) throws -> HTMLReport? {
        guard let report = try report(run: id) else { return nil }
        return try htmlReport(for: report, history: history)
    }
}
