/// Percentiles of sorted samples.
public enum Percentile {
    /// The q-quantile (q in [0, 1], clamped) of ascending-sorted `sorted`, by linear interpolation between closest
    /// ranks exactly like numpy's default `np.percentile(x, q * 100)`; nil for an empty array or NaN q.
    public static func value(_ sorted: [Double], _ q: Double) -> Double? {
        value(count: sorted.count, q) { sorted[$0] }
    }

    /// The same of `count` ascending samples read by index through `sample` (only the one or two it needs,
    /// ``indices(count:_:)``), so a caller streaming sorted values keeps just those.
    public static func value(count: Int, _ q: Double, sample: (Int) -> Double) -> Double? {
        guard let (lowerIndex, upperIndex) = indices(count: count, q) else { return nil }
        let position = Double(count - 1) * min(max(q, 0), 1)
        let t = position - Double(lowerIndex)
        let a = sample(lowerIndex)
        let b = sample(upperIndex)
        let difference = b - a
        // numpy's _lerp: interpolate from the nearer end for better rounding.
        return t >= 0.5 ? b - difference * (1 - t) : a + difference * t
    }

    /// The indices of the two samples the q-quantile of `count` samples interpolates between; nil when none.
    public static func indices(count: Int, _ q: Double) -> (lower: Int, upper: Int)? {
        guard count > 0, !q.isNaN else { return nil }
        let position = Double(count - 1) * min(max(q, 0), 1)
        let lowerIndex = Int(position.rounded(.down))
        return (lowerIndex, min(lowerIndex + 1, count - 1))
    }
}
