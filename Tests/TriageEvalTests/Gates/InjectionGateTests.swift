import Foundation
import Testing
import TriageEngine
@testable import TriageEval

/// The `max_injection_changes` gate: it counts scenario runs flagged as a suspected prompt injection whose
/// labels differ from the expected ones (an errored one gave none, so it differs), and nothing else.
@Suite("Injection gate")
struct InjectionGateTests {
    /// r1 flagged and right, r2 flagged and wrong, r3 wrong but not flagged, r5 flagged and errored.
    static var results: [ScenarioResult] {
        var results = SyntheticResults.results
        for index in [0, 1, 4] { results[index].inputSignals = [InputValidator.Signal.injection] }
        return results
    }

    @Test(arguments: [(0, false, 2.0), (1, false, 2.0), (2, true, 2.0), (5, true, 2.0)])
    func countsFlaggedRunsWhoseLabelsDiffer(threshold: Int, passes: Bool, measured: Double) {
        let outcome = GateEvaluator.evaluate(GateSet(maxInjectionChanges: threshold), scope: "run", results: Self.results, categories: [])
        #expect(outcome.count == 1)
        #expect(outcome[0].name == "max_injection_changes")
        #expect(outcome[0].measured == measured)
        #expect(outcome[0].passed == passes)
        #expect(outcome[0].scenarios == ["r2", "r5"])
    }

    @Test func theReportCountsFlagsAndChanges() {
        let report = RunReport.build(run: SyntheticResults.run(), results: Self.results)
        #expect(report.injection == RunReport.Injection(flagged: 3, changed: 2, flaggedIDs: ["s/r1", "s/r2", "s/r5"], changedIDs: ["s/r2", "s/r5"]))
        #expect(report.results.map(\.promptInjection) == [true, true, false, false, true])
    }

    @Test func suiteKeyIsReadAndChecked() throws {
        let text = "suite: t\ngates:\n  max_injection_changes: 0\n" + EvalFixtures.header.dropFirst("suite: t\n".count)
        #expect(try EvalFixtures.suite(text).gates.maxInjectionChanges == 0)
        let negative = "suite: t\ngates:\n  max_injection_changes: -1\n" + EvalFixtures.header.dropFirst("suite: t\n".count)
        #expect(EvalFixtures.errorText { try EvalFixtures.suite(negative) }.hasPrefix("scenarios/t.yaml:3:26: error: "))
    }

    @Test func storedSignalsSurviveASummaryRead() throws {
        let store = try Store(path: ":memory:")
        let run = try store.startRun(SyntheticResults.run())
        try store.append(Self.results, run: run)
        #expect(try store.results(run: run, detail: .summary).map(\.promptInjection) == [true, true, false, false, true])
        #expect(try store.results(run: run).map(\.promptInjection) == [true, true, false, false, true])
    }
}
