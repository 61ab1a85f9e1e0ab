import Foundation
import Testing
import TriageEngine
@testable import TriageEval

/// Scenario `quality:` checks and the `min_health` gate: parsing, the checks in a run, their storage and reports.
@Suite("Scenario quality")
struct ScenarioQualityTests {
    static let fixture = EvalFixtures.root + "/Tests/Fixtures/quality/quality.yaml"

    func evaluation(gates: GateSet = GateSet()) throws -> Evaluation {
        let workspace = try EvalFixtures.workspace([Self.fixture])
        return Evaluation(workspace: workspace, engine: try Engine.make(workspace: workspace, options: EngineOptions(), store: nil, logger: EvalFixtures.logger),
                          gates: gates, concurrency: 1)
    }

    @Test func scenarioKeyAndSuiteDefaultAreParsed() throws {
        let suite = try SuiteLoader(taxonomy: EvalFixtures.policy.taxonomy).load(path: Self.fixture)
        #expect(suite.gates.minHealth == 70)
        #expect(suite.scenarios.map(\.quality) == [
            QualityExpectation(noLoops: true, noContradictions: true),
            QualityExpectation(noLoops: true, noContradictions: true),
            QualityExpectation(noLoops: false, noContradictions: true, minHealth: 80),
        ])
    }

    @Test func unknownQualityKeyIsAPositionedError() {
        let text = EvalFixtures.header + "    quality: {no_loop: true}\n"
        #expect(EvalFixtures.errorText { try EvalFixtures.suite(text) } == """
            scenarios/t.yaml:9:15: error: unknown key "no_loop" in quality checks; expected one of: no_loops, no_contradictions, min_health
                quality: {no_loop: true}
                          ^
            """)
    }

    @Test func minHealthAboveHundredIsAPositionedError() {
        let text = EvalFixtures.header + "    quality: {min_health: 150}\n"
        #expect(EvalFixtures.errorText { try EvalFixtures.suite(text) } == """
            scenarios/t.yaml:9:27: error: expected min_health between 0 and 100, found 150
                quality: {min_health: 150}
                                      ^
            """)
    }

    @Test func noLoopsMustBeABoolean() {
        let text = EvalFixtures.header + "    quality:\n      no_loops: maybe\n"
        #expect(EvalFixtures.errorText { try EvalFixtures.suite(text) } == """
            scenarios/t.yaml:10:17: error: expected no_loops (true or false), found "maybe"
                  no_loops: maybe
                            ^
            """)
    }

    @Test func emptyQualityBlockIsAPositionedError() {
        let text = "suite: t\nquality: {}\nscenarios:\n  - id: a\n    channel: email\n    plan: pro\n    customer: Lee\n    messages: [{role: customer, text: hi}]\n"
        #expect(EvalFixtures.errorText { try EvalFixtures.suite(text) } == """
            scenarios/t.yaml:2:10: error: empty quality checks; expected at least one of: no_loops, no_contradictions, min_health
            quality: {}
                     ^
            """)
    }

    @Test func minHealthGateKeyOutsideRangeIsAPositionedError() {
        let text = "suite: t\ngates: {min_health: 101}\nscenarios:\n  - id: a\n    channel: email\n    plan: pro\n    customer: Lee\n    messages: [{role: customer, text: hi}]\n"
        #expect(EvalFixtures.errorText { try EvalFixtures.suite(text) } == """
            scenarios/t.yaml:2:21: error: expected min_health between 0 and 100, found 101
            gates: {min_health: 101}
                                ^
            """)
    }

    @Test func plantedLoopAndContradictionFailTheirScenariosAndAreStored() async throws {
        let store = try Store(path: ":memory:")
        let outcome = try await evaluation().run(store: store)
        let report = outcome.report
        #expect(report.results.map(\.status) == ["passed", "failed", "failed"])
        #expect(report.results.map(\.health) == [100, 75, 65])
        let loop = try #require(report.results[1].failedChecks.first)
        #expect(loop.field == "quality")
        #expect(loop.expected == "no_loops")
        #expect(loop.actual.hasPrefix("loop: turn 2 \"Hi Lee, Thanks for reaching out."))
        #expect(loop.actual.contains("and turn 4 \"Hi Lee, Thanks for reaching out."))
        #expect(report.results[2].failedChecks.map(\.expected) == ["no_contradictions", "min_health 80"])
        #expect(report.results[2].failedChecks[0].actual.hasPrefix("contradiction: turn 2 \"Sorry, you won't find step-by-step instructions"))
        #expect(report.results[2].failedChecks[1].actual.hasPrefix("health 65 (contradiction: turn 2"))
        let quality = try #require(report.quality)
        #expect(quality.conversations == 3)
        #expect(quality.meanHealth == 80)
        #expect(quality.failed.map(\.scenario) == ["quality/quality-planted-loop", "quality/quality-planted-contradiction"])
        // The suite's min_health 70 holds on the mean (80), though two conversations failed a check.
        #expect(report.gates.map(\.summary) == ["quality: min_health 80 >= min 70"])
        // Stored and read back: the same report, quality checks and all.
        let stored = try #require(try store.run(outcome.runID))
        #expect(RunReport.build(run: stored, results: try store.results(run: outcome.runID)) == report)
    }

    @Test func minHealthGateFailsBelowTheMeanAndNamesTheConversations() async throws {
        var gates = GateSet()
        gates.minHealth = 90
        let outcome = try await evaluation(gates: gates).run(store: try Store(path: ":memory:"))
        #expect(outcome.report.gates.map(\.summary).last == "run: min_health 80 < min 90 (scenarios: quality-planted-loop, quality-planted-contradiction)")
        #expect(!outcome.report.gatesPassed)
    }

    @Test func gateWithoutMultiTurnConversationsPassesAndSaysSo() {
        let results = SyntheticResults.results
        var set = GateSet()
        set.minHealth = 50
        let gates = GateEvaluator.evaluate(set, scope: "run", results: results, categories: [])
        #expect(gates.map(\.summary) == ["run: min_health (no conversation with an earlier agent turn) 100 >= min 50"])
    }

    @Test func reportsShowMeanHealthAndTheTwoTurns() async throws {
        let report = try await evaluation().run(store: try Store(path: ":memory:")).report
        let text = report.renderText()
        #expect(text.contains("Conversation quality  mean health 80.0 over 3 conversations with earlier agent turns (1 loop, 1 contradiction)\n"
                              + "  quality/quality-planted-loop  health 75\n    loop: turn 2 \"Hi Lee, Thanks for reaching out."))
        let markdown = report.renderMarkdown()
        #expect(markdown.contains("**Conversation quality**: mean health 80.0 over 3 conversations with earlier agent turns (1 loop, 1 contradiction)"))
        #expect(markdown.contains("| quality/quality-planted-contradiction | 65 | contradiction ("))
        let json = try JSONSerialization.jsonObject(with: Data(report.renderJSON().utf8)) as? [String: Any]
        let quality = try #require(json?["quality"] as? [String: Any])
        #expect(quality["mean_health"] as? Double == 80)
        #expect((quality["failed"] as? [Any])?.count == 2)
        let junit = report.renderJUnit()
        #expect(junit.contains("<property name=\"mean_health\" value=\"80.0\"/>"))
        #expect(junit.contains("quality: expected no_loops, got loop: turn 2"))
        let csv = CSVReader.rows(report.renderCSV())
        #expect(csv.map { $0.last! } == ["health", "100", "75", "65"])
        let html = HTMLReport(run: report).render()
        #expect(html.contains("<h3>Conversation quality</h3>\n<p>mean health 80.0 over 3 conversations with earlier agent turns (1 loop, 1 contradiction)</p>"))
        #expect(html.contains("you won&#39;t find") || html.contains("you won&apos;t find") || html.contains("you won't find"))
    }
}
