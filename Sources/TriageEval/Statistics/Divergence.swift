import Foundation

/// Divergences between two categorical distributions given as label counts.
public enum Divergence {
    /// Population stability index Σ (aᵢ − eᵢ)·ln(aᵢ / eᵢ) over the union of keys, on proportions smoothed by adding
    /// `pseudocount` (default 0.5, Jeffreys-style additive smoothing) to every label's count on both sides:
    /// eᵢ = (countᵢ + ½) / (total + ½·labels). Unlike replacing empty bins by a tiny ε, this keeps a label seen once
    /// on one side from dominating the sum. Both sides empty gives 0. Counts must be non-negative.
    public static func populationStabilityIndex(
        expected: [String: Int],
        actual: [String: Int],
        pseudocount: Double = 0.5
    ) -> Double {
        let keys = unionKeys(expected, actual)
        let expectedTotal = total(expected, keys)
        let actualTotal = total(actual, keys)
        if expectedTotal == 0 && actualTotal == 0 { return 0 }
        let smoothing = pseudocount * Double(keys.count)
        var sum = 0.0
        for key in keys {
            let e = (Double(max(expected[key] ?? 0, 0)) + pseudocount) / (Double(expectedTotal) + smoothing)
            let a = (Double(max(actual[key] ?? 0, 0)) + pseudocount) / (Double(actualTotal) + smoothing)
            sum += (a - e) * log(a / e)
        }
        return sum
    }

    /// Jensen–Shannon divergence (the divergence, not the JS distance, its square root) in bits, so in [0, 1], over the union of keys, with 0·log 0 = 0 exactly (no
    /// epsilon); equals scipy `jensenshannon(p, q, base=2) ** 2`. Both empty gives 0; exactly one side empty
    /// (where scipy returns NaN) gives 1, the maximum.
    public static func jensenShannon(_ p: [String: Int], _ q: [String: Int]) -> Double {
        let keys = unionKeys(p, q)
        let pTotal = total(p, keys)
        let qTotal = total(q, keys)
        if pTotal == 0 && qTotal == 0 { return 0 }
        if pTotal == 0 || qTotal == 0 { return 1 }
        var sum = 0.0
        for key in keys {
            let pi = proportion(p[key], pTotal)
            let qi = proportion(q[key], qTotal)
            let mi = (pi + qi) / 2
            if pi > 0 { sum += pi * log(pi / mi) }
            if qi > 0 { sum += qi * log(qi / mi) }
        }
        let divergence = sum / (2 * log(2.0))
        return min(max(divergence, 0), 1)
    }

    /// Sorted union of keys, so the summation order (and thus the result) is deterministic.
    private static func unionKeys(_ x: [String: Int], _ y: [String: Int]) -> [String] {
        Set(x.keys).union(y.keys).sorted()
    }

    private static func total(_ counts: [String: Int], _ keys: [String]) -> Int {
        keys.reduce(0) { $0 + max(counts[$1] ?? 0, 0) }
    }

    private static func proportion(_ count: Int?, _ total: Int) -> Double {
        total > 0 ? Double(max(count ?? 0, 0)) / Double(total) : 0
    }
}
