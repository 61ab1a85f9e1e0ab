import Testing
import TriageEval

extension StatisticsTests {
    @Suite struct DivergenceTests {
        // PSI: numpy sum((a - e) * log(a / e)) on counts smoothed by +0.5 per label on both sides, and
        // JS: scipy.spatial.distance.jensenshannon(p, q, base=2) ** 2, both via scripts/reference_stats.py.
        // (name, expected, actual, psi, js)
        static let cases: [(String, [String: Int], [String: Int], Double, Double)] = [
            ("disjoint", ["a": 10, "b": 5], ["c": 7, "d": 3], 4.552669887386207, 1.0),
            ("oneEmptyBin", ["a": 50, "b": 30, "c": 20], ["a": 45, "b": 55], 0.8843266484156037, 0.1278659428626937),
            // Same proportions, different totals: smoothing moves the smaller sample more, so PSI is small but not 0.
            ("identical", ["a": 3, "b": 7], ["a": 30, "b": 70], 0.0012272075021091677, 0.0),
            // Issue 9: 23 scenarios, two moved to another label; 0.665 with ε = 1e-4 (1.066 or 0.461 with another ε).
            ("twoChanged", ["billing": 8, "bug": 7, "account": 6, "security": 2], ["billing": 8, "bug": 7, "account": 8], 0.1502161519223024, 0.047974045554793),
            (
                "general",
                ["billing": 120, "bug": 80, "account": 50, "other": 10],
                ["billing": 100, "bug": 95, "account": 40, "other": 25],
                0.0828593053483429, 0.015068988464555672
            ),
        ]

        @Test(arguments: cases)
        func matchesReference(name: String, expected: [String: Int], actual: [String: Int], psi: Double, js: Double) {
            #expect(isClose(Divergence.populationStabilityIndex(expected: expected, actual: actual), psi), "\(name)")
            #expect(isClose(Divergence.jensenShannon(expected, actual), js), "\(name)")
        }

        @Test func explicitZeroCountEqualsMissingKey() {
            let expected = ["a": 50, "b": 30, "c": 20]
            #expect(
                Divergence.populationStabilityIndex(expected: expected, actual: ["a": 45, "b": 55, "c": 0])
                    == Divergence.populationStabilityIndex(expected: expected, actual: ["a": 45, "b": 55])
            )
            #expect(
                Divergence.jensenShannon(expected, ["a": 45, "b": 55, "c": 0])
                    == Divergence.jensenShannon(expected, ["a": 45, "b": 55])
            )
        }

        @Test func identicalDistributionsAreExactlyZero() {
            let counts = ["billing": 12, "bug": 8, "account": 5]
            #expect(Divergence.populationStabilityIndex(expected: counts, actual: counts) == 0)
            #expect(Divergence.jensenShannon(counts, counts) == 0)
        }

        @Test func bothEmptyIsZero() {
            #expect(Divergence.populationStabilityIndex(expected: [:], actual: [:]) == 0)
            #expect(Divergence.jensenShannon([:], [:]) == 0)
        }

        @Test func oneSideEmpty() {
            // Smoothing turns an empty side into the uniform distribution; numpy via scripts/reference_stats.py ("actualEmpty").
            #expect(Divergence.populationStabilityIndex(expected: ["a": 5, "b": 5], actual: [:]) == 0)
            // scipy returns NaN here; the documented choice is the maximum, 1.
            #expect(Divergence.jensenShannon(["a": 5, "b": 5], [:]) == 1)
            #expect(Divergence.jensenShannon([:], ["a": 5, "b": 5]) == 1)
        }

        @Test func jensenShannonIsSymmetricAndBounded() {
            let p = ["x": 3, "y": 0, "z": 9]
            let q = ["x": 1, "w": 4]
            let forward = Divergence.jensenShannon(p, q)
            #expect(isClose(forward, Divergence.jensenShannon(q, p), tolerance: 1e-15))
            #expect(forward >= 0 && forward <= 1)
        }
    }
}
