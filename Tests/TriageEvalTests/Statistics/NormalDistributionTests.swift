import Testing
import TriageEval

extension StatisticsTests {
    @Suite struct NormalDistributionTests {
        // scipy.stats.norm.ppf(p) via scripts/reference_stats.py
        @Test(arguments: [
            (1e-10, -6.361340902404056),
            (0.001, -3.090232306167813),
            (0.02425, -1.972961051311885),
            (0.025, -1.9599639845400545),
            (0.1, -1.2815515655446004),
            (0.5, 0.0),
            (0.8, 0.8416212335729143),
            (0.975, 1.959963984540054),
            (0.99, 2.3263478740408408),
            (0.999999, 4.753424308817087),
        ])
        func quantileMatchesScipy(p: Double, expected: Double) {
            #expect(isClose(NormalDistribution.quantile(p), expected, tolerance: 1e-12))
        }

        // scipy.stats.norm.cdf(x) via scripts/reference_stats.py
        @Test(arguments: [
            (-6.0, 9.865876450376946e-10),
            (-1.959963984540054, 0.025),
            (-1.0, 0.15865525393145707),
            (0.0, 0.5),
            (0.5, 0.6914624612740131),
            (1.6448536269514722, 0.95),
            (3.0, 0.9986501019683699),
        ])
        func cdfMatchesScipy(x: Double, expected: Double) {
            #expect(isClose(NormalDistribution.cdf(x), expected, tolerance: 1e-12))
        }

        @Test func quantileEdges() {
            #expect(NormalDistribution.quantile(0) == -.infinity)
            #expect(NormalDistribution.quantile(1) == .infinity)
            #expect(NormalDistribution.quantile(.nan).isNaN)
        }

        @Test func quantileInvertsCDF() {
            for p in stride(from: 0.001, to: 1.0, by: 0.007) {
                #expect(isClose(NormalDistribution.cdf(NormalDistribution.quantile(p)), p, tolerance: 1e-14))
            }
        }
    }
}
