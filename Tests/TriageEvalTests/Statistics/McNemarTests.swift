import Testing
import TriageEval

extension StatisticsTests {
    @Suite struct McNemarTests {
        // statsmodels.stats.contingency_tables.mcnemar([[0, b], [c, 0]], exact=True).pvalue via
        // scripts/reference_stats.py; identical to scipy.stats.binomtest(min(b, c), b + c, 0.5).pvalue for every
        // row except (0, 0), where scipy rejects n = 0. (b, c, pValue)
        @Test(arguments: [
            (0, 0, 1.0),
            (5, 5, 1.0),
            (0, 5, 0.0625),
            (3, 10, 0.09228515625),
            (10, 3, 0.09228515625),
            (1, 20, 2.09808349609375e-05),
            (40, 60, 0.05688793364098089),
            (500, 560, 0.06990955946026937),
            (20000, 20500, 0.013153825113144245),
            (499000, 501000, 0.0456082998653896),
            (499500, 500500, 0.3177946913633297),
            (0, 1000000, 0.0),
        ])
        func matchesStatsmodelsAndScipy(b: Int, c: Int, pValue: Double) {
            let result = McNemar.exact(b: b, c: c)
            #expect(result.b == b)
            #expect(result.c == c)
            #expect(result.discordant == b + c)
            #expect(isClose(result.pValue, pValue))
        }

        @Test func tiesGiveExactlyOne() {
            for n in [1, 2, 7, 50, 1000, 250_000] {
                #expect(McNemar.exact(b: n, c: n).pValue == 1.0)
            }
        }

        @Test func symmetricInDirection() {
            for (b, c) in [(2, 9), (13, 40), (777, 901)] {
                #expect(McNemar.exact(b: b, c: c).pValue == McNemar.exact(b: c, c: b).pValue)
            }
        }
    }
}
