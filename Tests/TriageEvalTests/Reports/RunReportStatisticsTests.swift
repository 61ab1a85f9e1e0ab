import Foundation
import Testing
import TriageEngine
@testable import TriageEval

/// Issue 9's presentation fixes in the run report, the gates and drift, with reference values from
/// scripts/reference_stats.py (statsmodels Wilson, τ-bench pass^k by math.comb).
@Suite("Report statistics")
struct RunReportStatisticsTests {
    static func repeated(_ results: [ScenarioResult], _ times: Int) -> [ScenarioResult] {
        results.flatMap { result in (0..<times).map { index -> ScenarioResult in var copy = result; copy.repeatIndex = index; return copy } }
    }

    /// Point 3: three identical repeats give the one-repeat accuracy, interval and category support.
    @Test func repeatsOfADeterministicEngineDoNotNarrowAnything() {
        let once = RunReport.build(run: SyntheticResults.run(), results: SyntheticResults.results)
        let thrice = RunReport.build(run: SyntheticResults.run(), results: Self.repeated(SyntheticResults.results, 3))
        #expect((thrice.scenarioCount, thrice.scenarios, thrice.repeats) == (15, 5, 3))
        #expect(thrice.accuracy == once.accuracy)
        #expect(thrice.accuracyInterval == once.accuracyInterval)
        #expect(thrice.fields.map(\.interval) == once.fields.map(\.interval))
        #expect(thrice.fields.map(\.scenarios) == [5, 4])
        #expect(thrice.categories == once.categories)
        #expect(thrice.renderText().contains("Accuracy  mean pass rate over 5 scenarios × up to 3 repeats (6/15 runs) = 40.0%  (95% CI 11.8%–76.9%)"))
    }

    /// Point 3: a flaky scenario counts as its pass rate; the interval is Wilson over scenarios
    /// (statsmodels proportion_confint(4 + 1/3 + 2/3, 8, method="wilson") = 0.3057…–0.8632…).
    @Test func flakyScenariosCountAsTheirPassRate() {
        var results: [ScenarioResult] = []
        let passes = [3, 3, 0, 1, 2, 3, 0, 3]
        for (index, count) in passes.enumerated() {
            for trial in 0..<3 {
                let pass = trial < count
                var result = SyntheticResults.result(index, "f\(index)", expected: Expectation(category: "billing"),
                                                     decision: SyntheticResults.labels(pass ? "billing" : "how_to", escalate: false), tier: nil, latency: 1)
                result.repeatIndex = trial
                results.append(result)
            }
        }
        let report = RunReport.build(run: SyntheticResults.run(), results: results)
        #expect(report.scenarios == 8)
        #expect(abs(report.accuracy - 0.625) < 1e-12)
        #expect(abs(report.accuracyInterval.lower - 0.3057423946026273) < 1e-12)
        #expect(abs(report.accuracyInterval.upper - 0.8631557141764027) < 1e-12)
        #expect(report.categories.first { $0.label == "billing" }?.support == 8)

        // Point 8: pass^k for every k, mean pass rate and the flaky share with its interval.
        let stability = passes.enumerated().map { index, count in
            DriftReport.Stability(id: "f\(index)", trials: 3, passes: count, passRate: Double(count) / 3,
                                  passK: (1...3).map { DriftReport.passK(passes: count, trials: 3, k: $0) },
                                  label: count == 3 ? .stable : (count == 0 ? .broken : .flaky))
        }
        let summary = DriftReport.repeatSummary(stability)!
        // mean over scenarios of math.comb(c, k) / math.comb(3, k) for k = 1, 2, 3
        #expect(zip(summary.passHatK, [0.625, 0.5416666666666667, 0.5]).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(abs(summary.meanPassRate - 0.625) < 1e-12)
        #expect((summary.flaky, summary.scenarios, summary.repeats) == (2, 8, 3))
        // proportion_confint(2, 8, method="wilson")
        #expect(abs(summary.flakyInterval.lower - 0.071479212752109) < 1e-12)
        #expect(abs(summary.flakyInterval.upper - 0.5907245696898311) < 1e-12)
        #expect(DriftReport.repeatSummary([]) == nil)
    }

    /// Points 5 and 6: undefined metrics print n/a, predicted counts are shown, thin figures carry a warning.
    @Test func textShowsUndefinedPredictedCountsAndWarnings() {
        let text = RunReport.build(run: SyntheticResults.run(), results: SyntheticResults.results).renderText()
        #expect(text.contains("Per category       precision  recall     f1  support  predicted\n"))
        #expect(text.contains("  billing              1.000   0.500  0.667        2          1\n"))
        #expect(text.contains("  security               n/a     n/a    n/a        0          0\n"))
        #expect(text.contains("  n/a: undefined (never expected, or never predicted); macro F1 0.667 over the 2 categories expected or predicted\n"))
        #expect(text.contains("warning: precision, recall and F1 of billing, how_to rest on fewer than 5 scenarios each\n"))
        #expect(text.contains("warning: latency p99 of 5 scenario runs is the largest value or close to it (needs 100); so is p95 (needs 20)\n"))
    }

    /// Issue 7: the confusion matrix keeps its columns aligned for labels longer than a column.
    @Test func confusionMatrixColumnsAlignForLongLabels() throws {
        var run = SyntheticResults.run()
        run.engine.categories = ["billing", "an_unusually_long_category_name"]
        let long = "an_unusually_long_category_name"
        let results = [
            SyntheticResults.result(0, "a", expected: Expectation(category: long), decision: SyntheticResults.labels(long, escalate: false), tier: nil, latency: 1),
            SyntheticResults.result(1, "b", expected: Expectation(category: long), decision: SyntheticResults.labels("billing", escalate: false), tier: nil, latency: 1),
            SyntheticResults.result(2, "c", expected: Expectation(category: "billing"), decision: SyntheticResults.labels("billing", escalate: false), tier: nil, latency: 1),
        ]
        let text = RunReport.build(run: run, results: results).renderText()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try #require(lines.firstIndex { $0.hasPrefix("Confusion matrix") })
        let table = Array(lines[(start + 1)...(start + 3)])
        #expect(table == [
            "                                    billing  an_unusually_long_category_name  other",
            "  billing                                 1                                .      .",
            "  an_unusually_long_category_name         1                                1      .",
        ])
        #expect(Set(table.map(\.count)).count == 1)
    }

    /// Point 4: several suites' no_regression gates are Holm-adjusted together; point 5: a sub-millisecond p95 gate says it is noise.
    @Test func regressionGatesAreOneFamilyAndSubMillisecondLatencyIsNoise() throws {
        let (a, b) = ComparisonTests.runs()
        // B → A: 9 regressions, 2 improvements, p = 0.0348 alone; the other suite has no discordant scenario (p = 1).
        let drop = Comparison.build(a: .init(run: ComparisonTests.run(2), results: b), b: .init(run: ComparisonTests.run(1), results: a))
        let same = Comparison.build(a: .init(run: ComparisonTests.run(2), results: a), b: .init(run: ComparisonTests.run(1), results: a))
        var gate = GateSet()
        gate.noRegressionAlpha = 0.05
        gate.maxP95LatencyMs = 100
        var run = SyntheticResults.run(gates: RunGates(suites: ["s": gate, "t": gate]))
        run.suites = ["s", "t"]
        let report = RunReport.build(run: run, results: SyntheticResults.results, comparisons: ["s": drop, "t": same])
        let summaries = report.gates.map(\.summary)
        // Holm: min(1, 2 × 0.0348) = 0.0696 ≥ 0.05, so the drop alone is not enough once two suites are tested.
        #expect(summaries.contains("s: no_regression vs #2 (p, Holm over 2 suites) 0.070 >= min 0.050"))
        #expect(summaries.contains("t: no_regression vs #2 (p, Holm over 2 suites) 1 >= min 0.050"))
        var fast = SyntheticResults.results
        for index in fast.indices { fast[index].latencyMs = 0.2 }
        let noise = GateEvaluator.evaluate(gate, scope: "s", results: fast, categories: [])
        #expect(noise.map(\.summary).contains("s: max_p95_latency_ms (sub-millisecond: measurement noise) 0.200 <= max 100"))
    }
}
