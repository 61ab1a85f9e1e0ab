import Foundation
import Testing
import TriageEngine
@testable import TriageEval

/// Report statistics on five hand-made results, with interval values from statsmodels.
@Suite("Run report")
struct RunReportTests {
    let report = RunReport.build(run: SyntheticResults.run(), results: SyntheticResults.results)

    @Test func counts() {
        #expect(report.scenarioCount == 5)
        #expect(report.passed == 2)
        #expect(report.failed == 2)
        #expect(report.errored == 1)
        #expect(report.accuracy == 0.4)
        // statsmodels.stats.proportion.proportion_confint(2, 5, method="wilson")
        #expect(abs(report.accuracyInterval.lower - 0.11762077423264788) < 1e-12)
        #expect(abs(report.accuracyInterval.upper - 0.7692757187239871) < 1e-12)
    }

    @Test func perField() {
        let category = report.fields.first { $0.field == "category" }!
        // The errored scenario counts as a wrong category.
        #expect((category.correct, category.total) == (3, 5))
        // proportion_confint(3, 5, method="wilson")
        #expect(abs(category.interval.lower - 0.2307242812760129) < 1e-12)
        let escalate = report.fields.first { $0.field == "escalate" }!
        #expect((escalate.correct, escalate.total) == (2, 4))
        #expect(report.fields.map(\.field) == ["category", "escalate"])
    }

    @Test func perCategory() {
        let billing = report.categories.first { $0.label == "billing" }!
        #expect((billing.precision, billing.recall, billing.support) == (1, 0.5, 2))
        #expect(abs(billing.f1! - 2.0 / 3.0) < 1e-12)
        let howTo = report.categories.first { $0.label == "how_to" }!
        #expect(abs(howTo.precision! - 2.0 / 3.0) < 1e-12)
        #expect(abs(howTo.recall! - 2.0 / 3.0) < 1e-12)
        // Never expected, never predicted: undefined, not 0.
        let security = report.categories.first { $0.label == "security" }!
        #expect(security.precision == nil && security.recall == nil && security.f1 == nil && security.support == 0)
        let row = report.confusion.labels.firstIndex(of: "how_to")!
        #expect(report.confusion.matrix[row][report.confusion.columns.firstIndex(of: "how_to")!] == 2)
        #expect(report.confusion.matrix[row].last == 1)  // the errored scenario lands in "other"
    }

    @Test func tiers() {
        #expect(report.tiers.alwaysTotal == 2)
        #expect(report.tiers.alwaysRecall == 0.5)
        #expect(report.tiers.missedAlwaysIDs == ["r2"])
        #expect(report.tiers.neverTotal == 2)
        #expect(report.tiers.falseEscalations == 1)
        #expect(report.tiers.falseEscalationIDs == ["r3"])
    }

    @Test func latency() {
        // numpy.percentile([10, 20, 30, 40, 50], [50, 95, 99]) = 30, 48, 49.6
        #expect(report.latency.p50 == 30)
        #expect(abs(report.latency.p95 - 48) < 1e-9)
        #expect(abs(report.latency.p99 - 49.6) < 1e-9)
    }

    @Test func gatesNameThresholdMeasuredAndScenarios() {
        let gates = RunGates(suites: ["s": GateSet(accuracy: 0.5, fields: [.expectation(.escalate): 0.5])],
                             run: GateSet(alwaysRecall: 1, maxFalseEscalations: 0, maxErrorRate: 0.1))
        let gated = RunReport.build(run: SyntheticResults.run(gates: gates), results: SyntheticResults.results)
        #expect(gated.gates.map(\.summary) == [
            "s: accuracy 0.400 < min 0.500 (scenarios: r2, r3, r5)",
            "s: fields.escalate 0.500 >= min 0.500",
            "run: always_recall 0.500 < min 1 (scenarios: r2)",
            "run: max_false_escalations 1 > max 0.000 (scenarios: r3)",
            "run: max_error_rate 0.200 > max 0.100 (scenarios: r5)",
        ])
        #expect(!gated.gatesPassed)
    }

    @Test func jsonFormatIsVersionedAndKeyedLikeExpect() throws {
        let json = try report.renderJSON()
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        #expect(object["format_version"] as? Int == 2)
        #expect(object["scenario_count"] as? Int == 5)
        #expect(object["scenarios"] as? Int == 5)
        #expect(object["repeats"] as? Int == 1)
        // Undefined metrics are null, not 0 and not missing.
        let security = (object["categories"] as? [[String: Any]])?.first { $0["label"] as? String == "security" }
        #expect(security?["precision"] is NSNull)
        #expect(object["passed"] as? Int == 2)
        #expect((object["run"] as? [String: Any])?["id"] as? Int == 7)
        let results = object["results"] as! [[String: Any]]
        #expect(results.count == 5)
        #expect(results[0]["id"] as? String == "r1")
        #expect((results[0]["expected"] as? [String: Any])?["category"] as? String == "billing")
        #expect((results[1]["actual"] as? [String: Any])?["escalate"] as? Bool == false)
        #expect((results[1]["actual"] as? [String: Any])?["churn_risk"] as? Bool == false)
        #expect(object["confusion_matrix"] != nil)
        #expect((object["categories"] as? [[String: Any]])?.count == 10)
        // Round trip.
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        #expect(try decoder.decode(RunReport.self, from: Data(json.utf8)) == report)
    }

    @Test func textAndMarkdownShowFailuresWithExpectedVersusActual() {
        let text = report.renderText()
        #expect(text.contains("Accuracy  2/5 = 40.0%  (95% CI 11.8%–76.9%)  failed 2, errored 1"))
        #expect(text.contains("  s/r2\n    category: expected billing, got how_to\n    escalate: expected true, got false"))
        #expect(text.contains("  s/r5  ERRORED\n    error: ModelError(timeout)"))
        let markdown = report.renderMarkdown()
        #expect(markdown.contains("| s/r2 | category | billing | how_to |  |"))
        #expect(markdown.contains("**Accuracy 40.0%** (2/5, 95% CI 11.8%–76.9%)"))
    }
}
