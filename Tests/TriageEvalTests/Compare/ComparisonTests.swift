import Foundation
import Testing
import TriageEngine
@testable import TriageEval

/// The comparison of two runs on hand-made results, with reference values from scipy and statsmodels
/// (computed once by scripts/reference_stats.py: statsmodels `mcnemar(exact=False, correction=False)`, Tango's interval by
/// brentq, `statsmodels.stats.proportion.proportion_confint(method="wilson")`, `scipy.spatial.distance.jensenshannon(p, q, base=2)**2`).
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
        // statsmodels mcnemar([[0, 2], [9, 0]], exact=False, correction=False).pvalue
        #expect(abs(verdict.mcnemar.pValue - 0.03480847881186725) < 1e-12)
        #expect(verdict.accuracyA == 0.55)
        #expect(verdict.accuracyB == 0.9)
        // proportion_confint(11, 20, method="wilson"), proportion_confint(18, 20, method="wilson")
        #expect(abs(verdict.intervalA.lower - 0.34208534245034233) < 1e-12)
        #expect(abs(verdict.intervalB.upper - 0.9721335187862318) < 1e-12)
        #expect(abs(verdict.difference.estimate - 0.35) < 1e-12)
        // Tango's score interval for b = 2, c = 9, n = 20 (brentq in scripts/reference_stats.py)
        #expect(abs(verdict.difference.lower - 0.027414327671999163) < 1e-12)
        #expect(abs(verdict.difference.upper - 0.6016314746386802) < 1e-12)
        #expect(comparison.verdict.outcome == .better)
        #expect(comparison.verdict.text == "new is better than old at 95% confidence: accuracy 55.0% → 90.0% (+35.0 points, 95% CI +2.7 to +60.2); McNemar p = 0.035 on 11 discordant scenarios (2 regressions, 9 improvements).")
        // At alpha 0.01 it is not significant, and the 99% interval then contains 0.
        let strict = Comparison.build(a: .init(run: Self.run(1), results: a), b: .init(run: Self.run(2), results: b), alpha: 0.01)
        #expect(strict.verdict.outcome == .noSignificantDifference)
        #expect(strict.fields[0].difference.lower < 0 && strict.fields[0].difference.confidence == 0.99)
        // Flips: regressions first, both sides' labels.
        #expect(comparison.flips.count == 11)
        #expect(comparison.flips.prefix(2).map(\.direction) == [.regression, .regression])
        #expect(comparison.flips[0].a.actual?.category == "billing")
        #expect(comparison.flips[0].b.actual?.category == "how_to")
    }

    /// Issue 9, point 1: 23 scenarios, 7 regressions and 1 improvement printed "No significant difference … (−26.1
    /// points, 95% CI −47.8 to −4.3); McNemar exact p = 0.0703" and the no_regression gate passed.
    @Test func verdictAndIntervalAgreeOnTheIssueCase() throws {
        func result(_ index: Int, passed: Bool) -> ScenarioResult {
            SyntheticResults.result(index, "s\(index)", expected: Expectation(category: "billing"),
                                    decision: SyntheticResults.labels(passed ? "billing" : "how_to", escalate: false), tier: nil, latency: 1)
        }
        // 0..<7 regressions, 7 an improvement, 8..<23 pass in both.
        let a = (0..<23).map { result($0, passed: $0 != 7) }
        let b = (0..<23).map { result($0, passed: $0 >= 7) }
        let comparison = Comparison.build(a: .init(run: Self.run(1), results: a, name: "A"), b: .init(run: Self.run(2), results: b, name: "B"))
        #expect(comparison.verdict.outcome == .worse)
        #expect(comparison.verdict.text == "B is worse than A at 95% confidence: accuracy 95.7% → 69.6% (−26.1 points, 95% CI −48.1 to −2.4); McNemar p = 0.034 on 8 discordant scenarios (7 regressions, 1 improvement).".replacingOccurrences(of: "−", with: "-"))
        #expect(!GateEvaluator.regression(scope: "s", alpha: 0.05, comparison: comparison).passed)
        // The verdict is primary (not adjusted); the category field is secondary, Holm-adjusted with the category tests.
        #expect(comparison.fields[0].adjustedPValue == nil)
        let category = try #require(comparison.fields.first { $0.field == "category" })
        #expect(category.adjustedPValue != nil && category.adjustedPValue! >= category.mcnemar.pValue)
        // The tables, pinned: the score interval beside the test it inverts, Holm beside every secondary p.
        #expect(comparison.renderText().contains("""
            field               A  95% CI               B  95% CI             B−A  95% CI (score)      McNemar b/c   p       p (Holm)
            verdict         95.7%  79.0%–99.2%      69.6%  49.1%–84.4%      -26.1  -48.1 to -2.4               7/1   0.034   primary
            category        95.7%  79.0%–99.2%      69.6%  49.1%–84.4%      -26.1  -48.1 to -2.4               7/1   0.034   0.068

            category          support  pred A  pred B  recall A  recall B    F1 A    F1 B    ΔF1  p (Holm)
              billing              23      22      16     0.957     0.696   0.978   0.821 -0.157  0.068
              how_to                0       1       7       n/a       n/a   0.000   0.000 +0.000  -
            p: McNemar score test. The verdict row is the primary test (not adjusted); p (Holm) adjusts the 2 secondary tests (fields and categories) together by Holm's method.

            """))
    }

    @Test func bootstrapIsSeededAndResamplesScenariosNotRepeats() throws {
        let (a, b) = Self.runs()
        let one = Comparison.build(a: .init(run: Self.run(1), results: a), b: .init(run: Self.run(2), results: b), seed: 7)
        let same = Comparison.build(a: .init(run: Self.run(1), results: a), b: .init(run: Self.run(2), results: b), seed: 7)
        #expect(one == same)
        // Three identical repeats per scenario must not narrow the interval: scenarios are the unit.
        func repeated(_ results: [ScenarioResult]) -> [ScenarioResult] {
            results.flatMap { result in (0..<3).map { index -> ScenarioResult in var copy = result; copy.repeatIndex = index; return copy } }
        }
        let tripled = Comparison.build(a: .init(run: Self.run(1), results: repeated(a)), b: .init(run: Self.run(2), results: repeated(b)), seed: 7)
        // The score interval and the accuracies' intervals are exactly those of one repeat; the bootstrap nearly so.
        #expect(tripled.fields[0].difference == one.fields[0].difference)
        #expect(tripled.fields[0].intervalA == one.fields[0].intervalA && tripled.fields[0].intervalB == one.fields[0].intervalB)
        let single = try #require(one.fields[0].bootstrap)
        let triple = try #require(tripled.fields[0].bootstrap)
        #expect(one.fields[1].bootstrap == nil)
        #expect(abs((triple.upper - triple.lower) - (single.upper - single.lower)) < 0.02)
        #expect(tripled.fields[0].mcnemar == one.fields[0].mcnemar)
        // Category support counts scenarios, not scenario runs.
        #expect(tripled.categories.first { $0.label == "billing" }?.support == 20)
    }

    /// Issue 9, point 7: B's rules moved scenarios between tiers, but the comparison counts both runs by A's tiers.
    @Test func tiersAreCountedByTheBaselinesDefinition() throws {
        let a = SyntheticResults.results  // r1, r2 ALWAYS (r1 escalated); r3, r4 NEVER (r3 escalated)
        var b = SyntheticResults.results
        b[0].expectedTier = .likely
        b[1].expectedTier = nil
        let comparison = Comparison.build(a: .init(run: Self.run(1), results: a), b: .init(run: Self.run(2), results: b))
        let tiers = try #require(comparison.tiers)
        #expect(tiers.definition == "baseline")
        #expect((tiers.alwaysTotal, tiers.alwaysEscalatedA, tiers.alwaysEscalatedB) == (2, 1, 1))
        #expect((tiers.neverTotal, tiers.falseEscalationsA, tiers.falseEscalationsB) == (2, 1, 1))
        #expect(comparison.renderText().contains("tiers (both runs counted by #1's rules): ALWAYS escalated 1/2 → 1/2; NEVER false escalations 1/2 → 1/2\n"))
    }

    @Test func identicalRunsHaveZeroDiscordantPairs() {
        let (a, _) = Self.runs()
        let comparison = Comparison.build(a: .init(run: Self.run(1), results: a), b: .init(run: Self.run(2), results: a))
        #expect(comparison.fields[0].mcnemar.pValue == 1)
        #expect(comparison.flips.isEmpty)
        #expect(comparison.verdict.outcome == .noSignificantDifference)
        // Zero discordant scenarios: an honest interval around 0, not "+0.0 to +0.0".
        #expect(comparison.fields[0].difference.lower < -0.1 && comparison.fields[0].difference.upper > 0.1)
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
        // B → A is a drop of 9 vs 2: score p = 0.035, significant at 0.05, not at 0.01.
        let drop = Comparison.build(a: .init(run: Self.run(2), results: b), b: .init(run: Self.run(1), results: a), alpha: 0.05)
        #expect(GateEvaluator.regression(scope: "s", alpha: 0.01, comparison: drop).passed)
        let gate = GateEvaluator.regression(scope: "s", alpha: 0.05, comparison: drop)
        #expect(!gate.passed)
        #expect(gate.summary.hasPrefix("s: no_regression vs #2 (p) 0.035 < min 0.050 (scenarios: "))
        // Two suites' gates are one family: Holm doubles the smaller p (0.070 ≥ 0.05), and the gate says so.
        let adjusted = GateEvaluator.regression(scope: "s", alpha: 0.05, comparison: drop, adjusted: Holm.adjust([drop.fields[0].mcnemar.pValue, 0.5])[0], family: 2)
        #expect(adjusted.passed)
        #expect(adjusted.summary == "s: no_regression vs #2 (p, Holm over 2 suites) 0.070 >= min 0.050")
        #expect(GateEvaluator.regression(scope: "s", alpha: 0.05, comparison: nil).summary == "s: no_regression (no baseline) 1 >= min 0.050")
    }
}
