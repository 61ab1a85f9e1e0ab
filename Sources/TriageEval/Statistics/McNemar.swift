import Foundation

/// Result of an exact McNemar test: the discordant counts and the two-sided p-value.
public struct McNemarResult: Sendable, Codable, Equatable {
    /// Discordant pairs of one kind (e.g. A passed, B failed).
    public var b: Int
    /// Discordant pairs in the opposite direction to `b`.
    public var c: Int
    /// Total discordant pairs, `b + c`.
    public var discordant: Int
    /// Two-sided exact p-value, in [0, 1].
    public var pValue: Double

    /// Creates a result from its fields.
    public init(b: Int, c: Int, discordant: Int, pValue: Double) {
        self.b = b
        self.c = c
        self.discordant = discordant
        self.pValue = pValue
    }
}

/// McNemar's test for paired binary outcomes: the asymptotic score form the verdicts use, and the exact (binomial) form.
public enum McNemar {
    /// Two-sided asymptotic (score) test without continuity correction: z = (c − b)/√(b + c), p = P(|Z| ≥ |z|);
    /// b + c == 0 gives p = 1. Equals statsmodels `mcnemar(table, exact=False, correction=False)` and is the score
    /// test ``TangoInterval`` inverts; Fagerland, Lydersen & Laake (2013, BMC Med Res Methodol 13:91) recommend it over
    /// the exact conditional test, which is conservative. Negative counts are treated as 0.
    public static func score(b: Int, c: Int) -> McNemarResult {
        let b = max(b, 0)
        let c = max(c, 0)
        let n = b + c
        guard n > 0 else { return McNemarResult(b: b, c: c, discordant: 0, pValue: 1) }
        let z = Double(c - b) / Double(n).squareRoot()
        return McNemarResult(b: b, c: c, discordant: n, pValue: min(1, erfc(abs(z) / 2.0.squareRoot())))
    }

    /// Two-sided exact test on the discordant pairs: p = min(1, 2·P(X ≤ min(b, c))) with X ~ Binomial(b + c, 1/2);
    /// b + c == 0 gives p = 1. Equals statsmodels `mcnemar(table, exact=True)` and scipy `binomtest`; stable for
    /// b + c in the millions. Negative counts are treated as 0.
    public static func exact(b: Int, c: Int) -> McNemarResult {
        let b = max(b, 0)
        let c = max(c, 0)
        let n = b + c
        guard n > 0 else { return McNemarResult(b: b, c: c, discordant: 0, pValue: 1) }
        let k = min(b, c)
        let p = min(1, 2 * lowerTailHalf(k: k, n: n))
        return McNemarResult(b: b, c: c, discordant: n, pValue: p)
    }

    /// P(X ≤ k) for X ~ Binomial(n, 1/2) with k ≤ n/2: the pmf at k (computed in log space, Loader's
    /// saddle-point form) times the sum of pmf ratios down to 0, which never overflows.
    private static func lowerTailHalf(k: Int, n: Int) -> Double {
        let pmfK = binomialHalfPMF(k: k, n: n)
        if pmfK == 0 { return 0 }
        // f(i - 1) / f(i) = i / (n - i + 1); terms only shrink as i decreases because k ≤ n/2.
        var sum = 1.0
        var term = 1.0
        var i = k
        while i > 0 {
            term *= Double(i) / Double(n - i + 1)
            sum += term
            if term < sum * 1e-17 { break }
            i -= 1
        }
        return pmfK * sum
    }

    /// P(X = k) for X ~ Binomial(n, 1/2), via Loader (2000): exp(-stirlerr/bd0 terms) · √(n / (2π k (n-k))).
    private static func binomialHalfPMF(k: Int, n: Int) -> Double {
        if k == 0 || k == n { return exp(-Double(n) * log(2.0)) }
        let nd = Double(n)
        let kd = Double(k)
        let half = nd / 2
        let logTerm = stirlingError(nd) - stirlingError(kd) - stirlingError(nd - kd)
            - deviance(kd, half) - deviance(nd - kd, half)
        return exp(logTerm) * (nd / (2 * Double.pi * kd * (nd - kd))).squareRoot()
    }

    /// Stirling's-formula error: ln(n!) - [(n + 1/2) ln n - n + ln √(2π)].
    private static func stirlingError(_ n: Double) -> Double {
        let s0 = 1.0 / 12, s1 = 1.0 / 360, s2 = 1.0 / 1260, s3 = 1.0 / 1680, s4 = 1.0 / 1188
        if n <= 15 {
            return lgamma(n + 1) - (n + 0.5) * log(n) + n - 0.5 * log(2 * Double.pi)
        }
        let nn = n * n
        if n > 500 { return (s0 - s1 / nn) / n }
        if n > 80 { return (s0 - (s1 - s2 / nn) / nn) / n }
        if n > 35 { return (s0 - (s1 - (s2 - s3 / nn) / nn) / nn) / n }
        return (s0 - (s1 - (s2 - (s3 - s4 / nn) / nn) / nn) / nn) / n
    }

    /// Deviance term bd0(x, m) = x ln(x/m) + m - x, evaluated by a series when x ≈ m to avoid cancellation.
    private static func deviance(_ x: Double, _ m: Double) -> Double {
        if abs(x - m) < 0.1 * (x + m) {
            var v = (x - m) / (x + m)
            var s = (x - m) * v
            var ej = 2 * x * v
            v *= v
            var j = 1.0
            while j < 1000 {
                ej *= v
                let next = s + ej / (2 * j + 1)
                if next == s { return next }
                s = next
                j += 1
            }
            return s
        }
        return x * log(x / m) + m - x
    }
}
