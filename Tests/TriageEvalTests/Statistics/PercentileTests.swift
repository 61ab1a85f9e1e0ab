import Testing
import TriageEval

extension StatisticsTests {
    @Suite struct PercentileTests {
        static let ten = [0.9, 1.5, 2.0, 3.2, 4.4, 5.5, 6.6, 7.1, 8.3, 9.8]

        // numpy.percentile(x, q * 100) (default method="linear") via scripts/reference_stats.py: (sorted, q, value)
        @Test(arguments: [
            ([1.0], 0.0, 1.0), ([1.0], 0.5, 1.0), ([1.0], 0.95, 1.0), ([1.0], 0.99, 1.0), ([1.0], 1.0, 1.0),
            ([1.0, 2.0], 0.0, 1.0), ([1.0, 2.0], 0.5, 1.5), ([1.0, 2.0], 0.95, 1.95), ([1.0, 2.0], 0.99, 1.99),
            ([1.0, 2.0], 1.0, 2.0),
            (ten, 0.0, 0.9), (ten, 0.5, 4.95), (ten, 0.95, 9.125), (ten, 0.99, 9.665000000000001), (ten, 1.0, 9.8),
        ])
        func matchesNumpy(sorted: [Double], q: Double, expected: Double) {
            let value = Percentile.value(sorted, q)
            #expect(value != nil)
            #expect(isClose(value ?? .nan, expected))
        }

        @Test func emptyIsNil() {
            #expect(Percentile.value([], 0.5) == nil)
        }
    }
}
