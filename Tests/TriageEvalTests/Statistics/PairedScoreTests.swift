import Testing
import TriageEval

extension StatisticsTests {
    /// Tango's score interval, McNemar's score test and Holm's adjustment against scripts/reference_stats.py:
    /// the interval by scipy.optimize.brentq on Tango's score (Fagerland, Lydersen & Laake 2014, Stat Med 33:2850, eq. 11),
    /// p by statsmodels `mcnemar([[0, b], [c, 0]], exact=False, correction=False).pvalue`.
    @Suite struct PairedScoreTests {
        // (regressions b, improvements c, pairs n, lower, upper, p)
        static let cases: [(Int, Int, Int, Double, Double, Double)] = [
            // Issue 9, point 1: 23 scenarios, 7 regressions and 1 improvement. Before: bootstrap −47.8 to −4.3 beside
            // "no significant difference" (exact p = 0.0703). Now the interval and the test are one inference.
            (7, 1, 23, -0.48118113896892767, -0.02395917141447793, 0.033894853524689295),
            // Point 2: no discordant scenario no longer prints "+0.0 to +0.0".
            (0, 0, 23, -0.14311661845042686, 0.14311661845042686, 1.0),
            // Point 2: one discordant of 40 no longer prints "+0.0 to +2.5" beside p = 1.
            (1, 0, 40, -0.1288136896347408, 0.0648121412272188, 0.31731050786291115),
            (4, 0, 23, -0.3713764764022615, -0.005906578340803271, 0.04550026389635857),
            (3, 0, 23, -0.3212748227009597, 0.03134922085700424, 0.08326451666355042),
            (2, 9, 20, 0.027414327671999163, 0.6016314746386802, 0.03480847881186725),
            (9, 2, 20, -0.60163147463868, -0.027414327671999163, 0.03480847881186725),
            // PropCIs `scoreci.mp(b = 40, c = 20, n = 160)` documentation example (its b and c name the other cells).
            (40, 20, 160, -0.21806424416682482, -0.03086453313308672, 0.009823274507519235),
            (10, 0, 10, -1.0, -0.44493440027422176, 0.001565402258002549),
            (5, 5, 10, -0.526813818974872, 0.526813818974872, 1.0),
            (0, 0, 1, -0.7934506856227626, 0.7934506856227626, 1.0),
            (0, 12, 12, 0.5150119866895183, 1.0, 0.0005320055051392492),
        ]

        @Test(arguments: cases)
        func matchesReference(b: Int, c: Int, n: Int, lower: Double, upper: Double, p: Double) {
            let interval = TangoInterval.interval(regressions: b, improvements: c, pairs: n)
            #expect(isClose(interval.estimate, Double(c - b) / Double(n), tolerance: 1e-15))
            #expect(isClose(interval.lower, lower, tolerance: 1e-12), "lower \(b)/\(c)/\(n): \(interval.lower)")
            #expect(isClose(interval.upper, upper, tolerance: 1e-12), "upper \(b)/\(c)/\(n): \(interval.upper)")
            #expect(isClose(McNemar.score(b: b, c: c).pValue, p, tolerance: 1e-12))
        }

        /// The verdict never contradicts its interval: for every table with b, c ≤ 40 and up to 60 pairs (and 80 where
        /// b + c needs it), at three alphas, the interval excludes 0 exactly when the test rejects, and holds the estimate.
        @Test func intervalExcludesZeroExactlyWhenTheTestRejects() {
            var tables = 0
            for alpha in [0.05, 0.1, 0.01] {
                for b in 0...40 {
                    for c in 0...40 {
                        for n in Swift.max(b + c, 1)...Swift.max(60, b + c) {
                            let interval = TangoInterval.interval(regressions: b, improvements: c, pairs: n, confidence: 1 - alpha)
                            let rejects = McNemar.score(b: b, c: c).pValue < alpha
                            let excludesZero = interval.lower > 0 || interval.upper < 0
                            if rejects != excludesZero || interval.lower > interval.estimate || interval.upper < interval.estimate {
                                Issue.record("b=\(b) c=\(c) n=\(n) alpha=\(alpha): p=\(McNemar.score(b: b, c: c).pValue) interval \(interval.lower)…\(interval.upper)")
                                return
                            }
                            tables += 1
                        }
                    }
                }
            }
            #expect(tables == 3 * 36_840)
        }

        @Test func scoreAtZeroIsMcNemarsZ() {
            #expect(isClose(TangoInterval.statistic(regressions: 7, improvements: 1, pairs: 23, delta: 0), -6 / 8.0.squareRoot(), tolerance: 1e-14))
            #expect(TangoInterval.statistic(regressions: 0, improvements: 0, pairs: 5, delta: 0) == 0)
        }

        @Test func noPairsIsTheWholeRange() {
            let interval = TangoInterval.interval(regressions: 0, improvements: 0, pairs: 0)
            #expect((interval.estimate, interval.lower, interval.upper) == (0, -1, 1))
            #expect(McNemar.score(b: 0, c: 0).pValue == 1)
        }

        // statsmodels.stats.multitest.multipletests(p, method="holm")[1] via scripts/reference_stats.py
        @Test(arguments: [
            ([0.01, 0.04, 0.03, 0.005], [0.03, 0.06, 0.06, 0.02]),
            ([0.5, 0.2, 0.9], [1.0, 0.6000000000000001, 1.0]),
            ([0.001], [0.001]),
            ([0.02, 0.02, 0.3], [0.06, 0.06, 0.3]),
        ])
        func holmMatchesStatsmodels(p: [Double], adjusted: [Double]) {
            let result = Holm.adjust(p)
            #expect(result.count == adjusted.count)
            for (x, y) in zip(result, adjusted) { #expect(isClose(x, y, tolerance: 1e-15)) }
            #expect(Holm.adjust([]) == [])
        }
    }
}
