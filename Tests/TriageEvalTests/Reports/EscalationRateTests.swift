import Foundation
import Testing
import TriageEngine
@testable import TriageEval

/// The escalation rate the seed systems alerted on: its figures, its gate and where every report shows it.
@Suite("Escalation rate")
struct EscalationRateTests {
    /// r1 and r3 escalated (to billing) of the four decided runs; r5 errored and has no decision.
    @Test func ratesOverDecidedRunsPerSuiteAndTeam() {
        let rates = EscalationRates.summarize(SyntheticResults.results, suites: ["s", "empty"])
        #expect(rates == EscalationRates(decided: 4, escalated: 2, rate: 0.5,
                                         suites: [.init(name: "s", decided: 4, escalated: 2, rate: 0.5), .init(name: "empty", decided: 0, escalated: 0, rate: 0)],
                                         teams: [.init(name: "billing", decided: 4, escalated: 2, rate: 0.5)]))
    }

    @Test func gateFailsAboveTheThresholdNamingUnexpectedEscalations() {
        var gates = GateSet()
        gates.maxEscalationRate = 0.25
        #expect(!gates.isEmpty)
        let failed = GateEvaluator.evaluate(gates, scope: "s", results: SyntheticResults.results, categories: [])
        #expect(failed.map(\.summary) == ["s: max_escalation_rate 0.500 > max 0.250 (scenarios: r3)"])
        gates.maxEscalationRate = 0.5
        let passed = GateEvaluator.evaluate(gates, scope: "s", results: SyntheticResults.results, categories: [])
        #expect(passed.map(\.summary) == ["s: max_escalation_rate 0.500 <= max 0.500"])
    }

    @Test func suiteKeyIsAGateKey() {
        #expect(GateSet.keys.contains("max_escalation_rate"))
    }

    @Test func jsonCarriesTheRates() throws {
        let json = try ReportFixtures.gated.render(.json)
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        let escalation = try #require(object["escalation"] as? [String: Any])
        #expect(escalation["decided"] as? Int == 4)
        #expect(escalation["escalated"] as? Int == 2)
        #expect(escalation["rate"] as? Double == 0.5)
        #expect((escalation["suites"] as? [[String: Any]])?.map { $0["name"] as? String } == ["s"])
        #expect((escalation["teams"] as? [[String: Any]])?.first?["rate"] as? Double == 0.5)
    }

    @Test func junitPropertiesCarryRunSuiteAndTeamRates() throws {
        let xml = try ReportFixtures.gated.render(.junit)
        let suite = try #require(xml.components(separatedBy: "<testsuite name=\"s\"").dropFirst().first)
        #expect(suite.contains("""
                  <property name="escalation_rate" value="0.500"/>
                  <property name="escalation_rate.suite" value="0.500"/>
                  <property name="escalation_rate.team.billing" value="0.500"/>
            """))
    }

    @Test func htmlShowsRunSuiteAndTeamRows() throws {
        let html = try ReportFixtures.gated.render(.html)
        #expect(html.contains("<tr><td>escalation rate</td><td class=\"num\">2/4</td><td class=\"num\">50.0%</td><td></td></tr>"))
        #expect(html.contains("<tr><td>escalation rate, suite s</td><td class=\"num\">2/4</td><td class=\"num\">50.0%</td><td></td></tr>"))
        #expect(html.contains("<tr><td>escalated to billing</td><td class=\"num\">2/4</td><td class=\"num\">50.0%</td><td></td></tr>"))
    }
}
