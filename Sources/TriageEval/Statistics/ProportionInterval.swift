import Foundation

/// A two-sided confidence interval for a proportion, with bounds in [0, 1].
public struct ProportionInterval: Sendable, Equatable, Codable {
    /// Lower bound of the interval.
    public var lower: Double
    /// Upper bound of the interval.
    public var upper: Double

    /// Creates an interval from its bounds.
    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }
}

/// The Wilson score interval for a binomial proportion (matches statsmodels `proportion_confint(method="wilson")`).
public enum Wilson {
    /// Wilson score interval for `successes` out of `total` at the given two-sided `confidence`;
    /// `total <= 0` returns (0, 1), `successes` is clamped to 0...total and bounds are clamped to [0, 1].
    public static func interval(successes: Int, total: Int, confidence: Double = 0.95) -> ProportionInterval {
        interval(successes: Double(successes), total: total, confidence: confidence)
    }

    /// Wilson interval of the mean of per-scenario pass rates, counting scenarios (clusters), not trials: the
    /// interval for Σ rates "successes" out of `rates.count`. Each rate lies in [0, 1], so its variance is at most
    /// p(1 − p): this is the Wilson interval at the largest design effect (intra-scenario correlation 1), conservative
    /// for flaky scenarios and identical to the one-repeat interval when every scenario passes all or none of its
    /// repeats. An empty list gives (0, 1).
    public static func scenarioInterval(passRates rates: [Double], confidence: Double = 0.95) -> ProportionInterval {
        interval(successes: rates.reduce(0, +), total: rates.count, confidence: confidence)
    }

    /// Wilson interval for a possibly fractional number of successes (a sum of pass rates) out of `total`.
    public static func interval(successes: Double, total: Int, confidence: Double = 0.95) -> ProportionInterval {
        guard total > 0 else { return ProportionInterval(lower: 0, upper: 1) }
        let k = min(max(successes, 0), Double(total))
        let n = Double(total)
        let z = NormalDistribution.quantile(1 - (1 - confidence) / 2)
        let z2 = z * z
        let phat = k / n
        let denominator = 1 + z2 / n
        let center = (phat + z2 / (2 * n)) / denominator
        let halfWidth = z * (phat * (1 - phat) / n + z2 / (4 * n * n)).squareRoot() / denominator
        return ProportionInterval(
            lower: min(max(center - halfWidth, 0), 1),
            upper: min(max(center + halfWidth, 0), 1)
        )
    }
}
