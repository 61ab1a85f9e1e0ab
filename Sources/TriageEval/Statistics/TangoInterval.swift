import Foundation

/// A paired difference in proportions B − A with its score test and the confidence interval that inverts the same test.
public struct PairedDifference: Sendable, Codable, Equatable {
    /// Point estimate (improvements − regressions) / pairs.
    public var estimate: Double
    /// Lower bound of the interval.
    public var lower: Double
    /// Upper bound of the interval.
    public var upper: Double
    /// The interval's two-sided confidence level, 1 − alpha of the test it inverts.
    public var confidence: Double
    /// How the interval was computed: `tango_score` (Tango 1998, Stat Med 17:891–908).
    public var method: String

    /// Creates a difference from its fields.
    public init(estimate: Double, lower: Double, upper: Double, confidence: Double, method: String = "tango_score") {
        self.estimate = estimate
        self.lower = lower
        self.upper = upper
        self.confidence = confidence
        self.method = method
    }
}

/// Tango's asymptotic score interval for the difference of two paired proportions (Tango 1998, Stat Med 17:891–908;
/// recommended by Fagerland, Lydersen & Laake 2014, Stat Med 33:2850–2875). At a null difference of 0 its score
/// statistic is McNemar's z = (c − b)/√(b + c), so the interval excludes 0 exactly when McNemar's asymptotic test
/// (``McNemar/score(b:c:)``) rejects at the same alpha: the verdict and its interval are one inference.
public enum TangoInterval {
    /// The interval for δ = (c − b)/n at `confidence`, where `b` pairs went from pass to fail (regressions), `c` from
    /// fail to pass (improvements) and `pairs` is the number of pairs (concordant ones included). No pairs gives
    /// (0, −1, 1). When McNemar's score test does not reject at 1 − confidence the interval contains 0 (and the
    /// reverse), guaranteed here rather than left to root-finding rounding.
    public static func interval(regressions b: Int, improvements c: Int, pairs n: Int, confidence: Double = 0.95) -> PairedDifference {
        let b = max(b, 0)
        let c = max(c, 0)
        let n = max(n, b + c)
        guard n > 0 else { return PairedDifference(estimate: 0, lower: -1, upper: 1, confidence: confidence) }
        let z = NormalDistribution.quantile(1 - (1 - confidence) / 2)
        let estimate = Double(c - b) / Double(n)
        func score(_ delta: Double) -> Double { statistic(regressions: b, improvements: c, pairs: n, delta: delta) }

        // The score decreases in delta and is 0 at the estimate: bisect for |score| = z on each side.
        var lower = -1.0
        if score(-1) > z {
            var low = -1.0, high = estimate
            for _ in 0..<200 where high - low > 1e-15 {
                let mid = (low + high) / 2
                if score(mid) > z { low = mid } else { high = mid }
            }
            lower = high
        }
        var upper = 1.0
        if score(1) < -z {
            var low = estimate, high = 1.0
            for _ in 0..<200 where high - low > 1e-15 {
                let mid = (low + high) / 2
                if score(mid) < -z { high = mid } else { low = mid }
            }
            upper = low
        }
        if McNemar.score(b: b, c: c).pValue >= 1 - confidence {
            lower = min(lower, 0)
            upper = max(upper, 0)
        }
        return PairedDifference(estimate: estimate, lower: max(lower, -1), upper: min(upper, 1), confidence: confidence)
    }

    /// Tango's score statistic for H0: δ = `delta`, (c − b − nδ) / √(n(2q̂ + δ(1 − δ))) with q̂ the restricted maximum
    /// likelihood estimate of the regression cell's probability (Tango 1998, eq. 3; Fagerland et al. 2014, eq. 11).
    public static func statistic(regressions b: Int, improvements c: Int, pairs n: Int, delta: Double) -> Double {
        let nd = Double(n), x12 = Double(c), x21 = Double(b)
        let a2 = 2 * nd
        let b2 = -x12 - x21 + (2 * nd - x12 + x21) * delta
        let c2 = -x21 * delta * (1 - delta)
        let root = max(b2 * b2 - 4 * a2 * c2, 0).squareRoot()
        // (root − b2) / (2·a2), in the form without cancellation when b2 > 0.
        let q = b2 > 0 ? -2 * c2 / (root + b2) : (root - b2) / (2 * a2)
        let variance = nd * (2 * max(q, 0) + delta * (1 - delta))
        let numerator = x12 - x21 - nd * delta
        guard variance > 0 else { return numerator == 0 ? 0 : (numerator > 0 ? .infinity : -.infinity) }
        return numerator / variance.squareRoot()
    }
}
