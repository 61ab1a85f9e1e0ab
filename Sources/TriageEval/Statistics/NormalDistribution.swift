import Foundation

/// The standard normal distribution N(0, 1): cumulative distribution and quantile functions.
public enum NormalDistribution {
    /// Cumulative distribution function Φ(x) = P(Z ≤ x), computed as erfc(-x/√2)/2.
    public static func cdf(_ x: Double) -> Double {
        0.5 * erfc(-x / 2.0.squareRoot())
    }

    /// Quantile function Φ⁻¹(p): Acklam's rational approximation plus one Halley refinement step using erfc
    /// (absolute error below 1e-12); returns -∞ for p ≤ 0, +∞ for p ≥ 1 and NaN for NaN.
    public static func quantile(_ p: Double) -> Double {
        if p.isNaN { return .nan }
        if p <= 0 { return -.infinity }
        if p >= 1 { return .infinity }
        // Work in the lower half: for p > 1/2, 1 - p is exact (Sterbenz), so the upper tail keeps full precision.
        if p > 0.5 { return -lowerHalfQuantile(1 - p) }
        return lowerHalfQuantile(p)
    }

    /// Quantile for 0 < p ≤ 1/2 (Acklam's lower and central regions, then one refinement step).
    private static func lowerHalfQuantile(_ p: Double) -> Double {
        let x: Double
        if p < pLow {
            let q = (-2 * log(p)).squareRoot()
            x = tail(q)
        } else {
            let q = p - 0.5
            let r = q * q
            let num = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
            let den = ((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1
            x = num / den
        }

        // One refinement step (Halley's method, as recommended by Acklam) against the exact CDF.
        let e = cdf(x) - p
        let u = e * (2 * Double.pi).squareRoot() * exp(x * x / 2)
        return x - u / (1 + x * u / 2)
    }

    /// Lower-tail rational approximation in q = √(-2 ln p).
    private static func tail(_ q: Double) -> Double {
        let num = ((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]
        let den = (((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1
        return num / den
    }

    private static let pLow = 0.02425
    private static let a: [Double] = [
        -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
        1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00,
    ]
    private static let b: [Double] = [
        -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
        6.680131188771972e+01, -1.328068155288572e+01,
    ]
    private static let c: [Double] = [
        -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
        -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00,
    ]
    private static let d: [Double] = [
        7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
        3.754408661907416e+00,
    ]
}
