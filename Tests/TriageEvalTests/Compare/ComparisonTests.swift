import Foundation
import Testing
import TriageEngine
@testable import TriageEval

/// The comparison of two runs on hand-made results, with reference values from scipy and statsmodels
/// (computed once: `scipy.stats.binomtest`, `statsmodels.stats.proportion.proportion_confint(method="wilson")`,
/// `scipy.spatial.distance.jensenshannon(p, q, base=2)**2`).
@Suite("Comparison and drift")
struct ComparisonTests {
    /// 20 scenarios: 9 pass in both, 2 pass only in A, 9 pass only in B, 0 fail in both.
    static func runs() -> (a: [ScenarioResult], b: [ScenarioResult]) {
        func result(_ index: Int, passed: Bool) -> ScenarioResult {
            let category = passed ? "billing" : "how_to"
            return SyntheticResults.result(index, "s\(index)", expected: Expectation(category: "billing"),
                                           decision: SyntheticResults.labels(category, escalate: passed), tier: nil, latency: Double(index))
        }
        var a: [ScenarioResult] = []
        var b: [ScenarioResult] = []
        for index in 0..<20 {
            let (passA, passB) = index < 9 ? (true, true) : (index < 11 ? (true, false) : (false, true))
            a.append(result(index, passed: passA))
            b.append(result(index, passed: passB))
        }
        return (a, b)
    }

    static func run(_ id: Int64, sources: [SourceFile] = []) -> StoredRun {
        var run = SyntheticResults.run()
        run.id = id
        if !sources.isEmpty { run.sources = sources }
        return run
    }

    @Test func pairedStatisticsAgainstReferences() throws {
        let (a, b) = Self.runs()
        let comparison = Comparison.build(a: .init(run: Self.run(1), results: a, name: "old"), b: .init(run: Self.run(2), results: b, name: "new"))
        #expect(comparison.sharedScenarios == 20)
        let verdict = try #require(comparison.fields.first { $0.field == "verdict" })
        #expect((verdict.mcnemar.b, verdict.mcnemar.c, verdict.mcnemar.discordant) == (2, 9, 11))
        // scipy.stats.binomtest(2, 11, 0.5).pvalue
        #expect(abs(verdict.mcnemar.pValue - 0.0654296875) < 1e-12)
        #expect(verdict.accuracyA == 0.55)
        #expect(verdict.accuracyB == 0.9)
        // proportion_confint(11, 20, method="wilson"), proportion_confint(18, 20, method="wilson")
        #expect(abs(verdict.intervalA.lower - 0.34208534245034233) < 1e-12)
        #expect(abs(verdict.intervalB.upper - 0.9721335187862318) < 1e-12)
        #expect(abs(verdict.difference.estimate - 0.35) < 1e-12)
        #expect(verdict.difference.lower <= 0.35 && verdict.difference.upper >= 0.35)
        // p = 0.065 is not significant at 95%: "no significant difference", however large the point estimate.
        #expect(comparison.verdict.outcome == "no_significant_difference")
        #expect(comparison.verdict.text == "No significant difference between old and new at 95% confidence: accuracy 55.0% → 90.0% (+35.0 points, 95% CI \(String(format: "%+.1f to %+.1f", verdict.difference.lower * 100, verdict.difference.upper * 100))); McNemar exact p = 0.0654 on 11 discordant scenarios (2 regressions, 9 improvements).")
        // At alpha 0.1 it is better.
        #expect(Comparison.build(a: .init(run: Self.run(1), results: a), b: .init(run: Self.run(2), results: b), alpha: 0.1).verdict.outcome == "better")
        // Flips: regressions first, both sides' labels.
        #expect(comparison.flips.count == 11)
        #expect(comparison.flips.prefix(2).map(\.direction) == ["pass→fail", "pass→fail"])
        #expect(comparison.flips[0].a.actual?.category == "billing")
        #expect(comparison.flips[0].b.actual?.category == "how_to")
    }

    @Test func bootstrapIsSeededAndResamplesScenariosNotRepeats() {
        let (a, b) = Self.runs()
        let one = Comparison.build(a: .init(run: Self.run(1), results: a), b: .init(run: Self.run(2), results: b), seed: 7)
        let same = Comparison.build(a: .init(run: Self.run(1), results: a), b: .init(run: Self.run(2), results: b), seed: 7)
        #expect(one == same)
        // Three identical repeats per scenario must not narrow the interval: scenarios are the unit.
        func repeated(_ results: [ScenarioResult]) -> [ScenarioResult] {
            results.flatMap { result in (0..<3).map { index -> ScenarioResult in var copy = result; copy.repeatIndex = index; return copy } }
        }
        let tripled = Comparison.build(a: .init(run: Self.run(1), results: repeated(a)), b: .init(run: Self.run(2), results: repeated(b)), seed: 7)
        let single = one.fields[0].difference
        let triple = tripled.fields[0].difference
        #expect(abs((triple.upper - triple.lower) - (single.upper - single.lower)) < 0.02)
        #expect(tripled.fields[0].mcnemar == one.fields[0].mcnemar)
    }

    @Test func identicalRunsHaveZeroDiscordantPairs() {
        let (a, _) = Self.runs()
        let comparison = Comparison.build(a: .init(run: Self.run(1), results: a), b: .init(run: Self.run(2), results: a))
        #expect(comparison.fields[0].mcnemar.pValue == 1)
        #expect(comparison.flips.isEmpty)
        #expect(comparison.verdict.outcome == "no_significant_difference")
    }

    @Test(arguments: [(3, 5, 2, 0.3), (5, 5, 5, 1.0), (4, 5, 5, 0.0), (0, 3, 1, 0.0), (2, 4, 1, 0.5)])
    func passK(passes: Int, trials: Int, k: Int, expected: Double) {
        // C(passes, k) / C(trials, k)
        #expect(abs(DriftReport.passK(passes: passes, trials: trials, k: k) - expected) < 1e-12)
    }

    @Test func driftAttributesSameInputsDifferentOutputsToTheModel() throws {
        let store = try SQLiteStore(path: ":memory:")
        let (a, b) = Self.runs()
        var first = SyntheticResults.run()
        first.pid = getpid()
        let firstID = try store.startRun(first)
        try store.append(a, run: firstID)
        try store.finishRun(firstID, status: .completed)
        try store.setBaseline(suite: "s", run: firstID)
        let secondID = try store.startRun(first)
        try store.append(b, run: secondID)
        try store.finishRun(secondID, status: .completed)

        let drift = try #require(try DriftReport.build(store: store, suite: "s"))
        #expect(drift.baseline?.id == firstID)
        #expect(drift.latest.id == secondID)
        #expect(drift.attribution?.changed == [])
        #expect(drift.attribution?.text == "Same rules, prompts, suite and model configuration, but different outputs on 11 scenarios: the model or provider drifted.")
        #expect(drift.trend.map(\.accuracy) == [0.55, 0.9])
        let category = try #require(drift.shift.first { $0.field == "category" })
        #expect(category.baseline == ["billing": 11, "how_to": 9])
        #expect(category.latest == ["billing": 18, "how_to": 2])
        #expect(category.js > 0 && category.psi > 0)
        #expect(drift.stability.isEmpty)

        // A changed rules file is named.
        var changed = first
        changed.sources = [SourceFile(kind: "rules", path: "rules/escalation.yaml", sha256: String(repeating: "1", count: 64))] + first.sources
        #expect(DriftReport.changes(from: first, to: changed) == ["rules"])
    }

    @Test func jensenShannonMatchesScipyOnTheShiftInput() {
        // jensenshannon([10,10,0]/20, [5,10,5]/20, base=2)**2 over keys billing, how_to, security
        #expect(abs(Divergence.jensenShannon(["billing": 10, "how_to": 10], ["billing": 5, "how_to": 10, "security": 5]) - 0.15563906222956644) < 1e-12)
    }

    @Test func regressionGateFailsOnlyOnASignificantDrop() throws {
        let (a, b) = Self.runs()
        // B → A is a drop of 9 vs 2: p = 0.065, not significant at 0.05, significant at 0.1.
        let drop = Comparison.build(a: .init(run: Self.run(2), results: b), b: .init(run: Self.run(1), results: a), alpha: 0.05)
        #expect(GateEvaluator.regression(scope: "s", alpha: 0.05, comparison: drop).passed)
        let strict = Comparison.build(a: .init(run: Self.run(2), results: b), b: .init(run: Self.run(1), results: a), alpha: 0.1)
        let gate = GateEvaluator.regression(scope: "s", alpha: 0.1, comparison: strict)
        #expect(!gate.passed)
        #expect(gate.summary.hasPrefix("s: no_regression vs #2 (p) 0.065 < min 0.100 (scenarios: "))
        #expect(GateEvaluator.regression(scope: "s", alpha: 0.05, comparison: nil).summary == "s: no_regression (no baseline) 1 >= min 0.050")
    }
}
