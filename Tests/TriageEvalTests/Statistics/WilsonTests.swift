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

        // statsmodels proportion_confint(sum(rates), len(rates), method="wilson") with a fractional count, via
        // scripts/reference_stats.py ("Wilson over scenarios").
        @Test func scenarioIntervalCountsScenarios() {
            let flaky = Wilson.scenarioInterval(passRates: [1, 1, 0, 1.0 / 3, 2.0 / 3, 1, 0, 1])
            #expect(isClose(flaky.lower, 0.3057423946026273, tolerance: 1e-12))
            #expect(isClose(flaky.upper, 0.8631557141764027, tolerance: 1e-12))
            // A deterministic engine: repeats give rates 0 or 1, and the interval is the one-repeat 9/12 interval.
            let deterministic = Wilson.scenarioInterval(passRates: Array(repeating: 1, count: 9) + Array(repeating: 0, count: 3))
            #expect(deterministic == Wilson.interval(successes: 9, total: 12))
            #expect(isClose(deterministic.lower, 0.46769466506643426, tolerance: 1e-12))
            #expect(isClose(deterministic.upper, 0.9110583316059453, tolerance: 1e-12))
        }
    }
}
