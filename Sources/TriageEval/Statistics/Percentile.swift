/// Percentiles of sorted samples.
public enum Percentile {
    /// The q-quantile (q in [0, 1], clamped) of ascending-sorted `sorted`, by linear interpolation between closest
    /// ranks exactly like numpy's default `np.percentile(x, q * 100)`; nil for an empty array or NaN q.
    public static func value(_ sorted: [Double], _ q: Double) -> Double? {
        guard !sorted.isEmpty, !q.isNaN else { return nil }
        let q = min(max(q, 0), 1)
        let position = Double(sorted.count - 1) * q
        let lowerIndex = Int(position.rounded(.down))
        let upperIndex = min(lowerIndex + 1, sorted.count - 1)
        let t = position - Double(lowerIndex)
        let a = sorted[lowerIndex]
        let b = sorted[upperIndex]
        let difference = b - a
        // numpy's _lerp: interpolate from the nearer end for better rounding.
        return t >= 0.5 ? b - difference * (1 - t) : a + difference * t
    }
}
