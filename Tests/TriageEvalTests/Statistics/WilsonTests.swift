import Testing
import TriageEval

extension StatisticsTests {
    @Suite struct WilsonTests {
        // statsmodels.stats.proportion.proportion_confint(k, n, alpha=1 - confidence, method="wilson")
        // via scripts/reference_stats.py: (successes, total, confidence, lower, upper)
        @Test(arguments: [
            (0, 10, 0.95, 0.0, 0.2775327998628892),
            (10, 10, 0.95, 0.7224672001371107, 0.9999999999999999),
            (7, 10, 0.95, 0.39677814746114537, 0.8922087325936989),
            (45, 50, 0.95, 0.7863976856252035, 0.9565242350681096),
            (1, 1000, 0.95, 0.00017654637062607809, 0.0056425585979579355),
            (999, 1000, 0.95, 0.9943574414020421, 0.9998234536293739),
            (83, 90, 0.95, 0.8480613981740798, 0.9618151846827111),
            (83, 90, 0.9, 0.8625166611465476, 0.9572832900573691),
            (83, 90, 0.99, 0.8173036165368648, 0.9691617564617012),
        ])
        func matchesStatsmodels(successes: Int, total: Int, confidence: Double, lower: Double, upper: Double) {
            let interval = Wilson.interval(successes: successes, total: total, confidence: confidence)
            #expect(isClose(interval.lower, lower))
            #expect(isClose(interval.upper, upper))
        }

        @Test func emptySampleIsUninformative() {
            #expect(Wilson.interval(successes: 0, total: 0) == ProportionInterval(lower: 0, upper: 1))
        }

        @Test func boundsStayInUnitInterval() {
            for total in [1, 2, 5, 17, 1000] {
                for successes in 0...total {
                    let interval = Wilson.interval(successes: successes, total: total)
                    #expect(interval.lower >= 0 && interval.upper <= 1 && interval.lower <= interval.upper)
                }
            }
        }
    }
}
