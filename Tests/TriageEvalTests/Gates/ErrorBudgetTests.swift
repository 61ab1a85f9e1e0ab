import Testing
@testable import TriageEval

/// The error budget `run` exits 3 past: 5% unless `--max-error-rate` says otherwise.
@Suite("Error budget")
struct ErrorBudgetTests {
    /// The synthetic run has 1 errored result in 5 (0.2).
    @Test(arguments: [(nil, true), (0.05, true), (0.19, true), (0.2, false), (1.0, false)] as [(Double?, Bool)])
    func oneInFiveErrored(maxErrorRate: Double?, exceeds: Bool) {
        let report = RunReport.build(run: SyntheticResults.run(), results: SyntheticResults.results)
        #expect(report.errorRate == 0.2)
        #expect(report.exceedsErrorBudget(maxErrorRate) == exceeds)
    }

    @Test func anEmptyRunIsWithinAnyBudget() {
        let report = RunReport.build(run: SyntheticResults.run(), results: [])
        #expect(report.errorRate == 0)
        #expect(!report.exceedsErrorBudget(0))
        #expect(GateSet.defaultMaxErrorRate == 0.05)
    }
}
