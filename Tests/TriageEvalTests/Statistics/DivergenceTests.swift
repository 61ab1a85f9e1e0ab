import Testing
import TriageEval

extension StatisticsTests {
    @Suite struct DivergenceTests {
        // PSI: numpy sum((a - e) * log(a / e)) with zero proportions replaced by 1e-4, and
        // JS: scipy.spatial.distance.jensenshannon(p, q, base=2) ** 2, both via scripts/reference_stats.py.
        // (name, expected, actual, psi, js)
        static let cases: [(String, [String: Int], [String: Int], Double, Double)] = [
            ("disjoint", ["a": 10, "b": 5], ["c": 7, "d": 3], 17.169924609968373, 1.0),
            ("oneEmptyBin", ["a": 50, "b": 30, "c": 20], ["a": 45, "b": 55], 1.6762223783379326, 0.1278659428626937),
            ("identical", ["a": 3, "b": 7], ["a": 30, "b": 70], 0.0, 0.0),
            (
                "general",
                ["billing": 120, "bug": 80, "account": 50, "other": 10],
                ["billing": 100, "bug": 95, "account": 40, "other": 25],
                0.08538454415782076, 0.015068988464555672
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
            // numpy PSI with every actual proportion replaced by 1e-4, via scripts/reference_stats.py ("actualEmpty").
            #expect(isClose(Divergence.populationStabilityIndex(expected: ["a": 5, "b": 5], actual: [:]), 8.515489752777954))
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
