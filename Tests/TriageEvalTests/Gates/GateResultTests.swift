import Testing
@testable import TriageEval

@Suite struct GateResultTests {
    /// Whole numbers print as integers, fractions to three decimals, and thresholds or latencies too large for an
    /// `Int` (a `max_p95_latency_ms: 1e30` meaning "no limit") print instead of trapping.
    @Test(arguments: [(0.5, "0.500"), (3, "3"), (-2, "-2"), (0, "0.000"), (1e16, "1e+16"), (3e20, "3e+20"), (1e30, "1e+30"), (12.25, "12.250")])
    func figuresPrint(value: Double, text: String) {
        #expect(GateResult.format(value) == text)
    }

    @Test func aGateWithAHugeThresholdPrintsItsSummary() {
        let gate = GateResult(name: "max_p95_latency_ms", scope: "run", kind: .max, threshold: 1e30, measured: 3e20, passed: true, scenarios: [])
        #expect(gate.summary == "run: max_p95_latency_ms 3e+20 <= max 1e+30")
    }
}
