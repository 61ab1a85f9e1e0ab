/// A bootstrap point estimate with its percentile confidence interval.
public struct BootstrapInterval: Sendable, Codable, Equatable {
    /// The point estimate computed on the full (non-resampled) data.
    public var estimate: Double
    /// Lower percentile bound.
    public var lower: Double
    /// Upper percentile bound.
    public var upper: Double

    /// Creates an interval from its fields.
    public init(estimate: Double, lower: Double, upper: Double) {
        self.estimate = estimate
        self.lower = lower
        self.upper = upper
    }
}

/// Paired, cluster (scenario-level) bootstrap for the difference in accuracy between two variants.
public enum PairedBootstrap {
    /// Resamples used unless a caller asks otherwise: at 20,000 the Monte-Carlo error of a 2.5% percentile is about
    /// 0.05 points on 200 scenarios, a tenth of the whole-point step ``rounded(_:)`` reports, so reported endpoints
    /// do not change with the seed except on the rare endpoint that sits on a rounding boundary.
    public static let defaultResamples = 20_000

    /// The interval rounded to whole points (0.01), the precision the Monte-Carlo error supports; −0 becomes 0.
    public static func rounded(_ interval: BootstrapInterval) -> BootstrapInterval {
        func round(_ value: Double) -> Double { (value * 100).rounded() / 100 + 0.0 }
        return BootstrapInterval(estimate: round(interval.estimate), lower: round(interval.lower), upper: round(interval.upper))
    }

    /// Percentile interval for accuracy(B) − accuracy(A), where each group is one scenario's repeats for A and B.
    /// Resamples whole groups with replacement (repeats stay together); accuracy = passes / trials over the drawn
    /// groups, 0 when a side has no trials. Deterministic for a given `seed` (SplitMix64). Empty input gives
    /// (0, 0, 0); `resamples <= 0` gives an interval collapsed onto the estimate.
    public static func differenceInterval(
        groups: [(a: [Bool], b: [Bool])],
        resamples: Int = defaultResamples,
        confidence: Double = 0.95,
        seed: UInt64 = 42
    ) -> BootstrapInterval {
        let count = groups.count
        guard count > 0 else { return BootstrapInterval(estimate: 0, lower: 0, upper: 0) }

        // Per-group counts, precomputed once so the inner loop only adds integers.
        var passA = [Int](repeating: 0, count: count)
        var trialsA = [Int](repeating: 0, count: count)
        var passB = [Int](repeating: 0, count: count)
        var trialsB = [Int](repeating: 0, count: count)
        for (index, group) in groups.enumerated() {
            passA[index] = group.a.reduce(0) { $0 + ($1 ? 1 : 0) }
            trialsA[index] = group.a.count
            passB[index] = group.b.reduce(0) { $0 + ($1 ? 1 : 0) }
            trialsB[index] = group.b.count
        }

        let estimate = difference(
            passA: passA.reduce(0, +), trialsA: trialsA.reduce(0, +),
            passB: passB.reduce(0, +), trialsB: trialsB.reduce(0, +)
        )
        guard resamples > 0 else { return BootstrapInterval(estimate: estimate, lower: estimate, upper: estimate) }

        var rng = SplitMix64(seed: seed)
        var differences = [Double](repeating: 0, count: resamples)
        passA.withUnsafeBufferPointer { pa in
            trialsA.withUnsafeBufferPointer { ta in
                passB.withUnsafeBufferPointer { pb in
                    trialsB.withUnsafeBufferPointer { tb in
                        differences.withUnsafeMutableBufferPointer { out in
                            for r in 0..<resamples {
                                var sumPassA = 0, sumTrialsA = 0, sumPassB = 0, sumTrialsB = 0
                                for _ in 0..<count {
                                    let pick = rng.nextIndex(below: count)
                                    sumPassA &+= pa[pick]
                                    sumTrialsA &+= ta[pick]
                                    sumPassB &+= pb[pick]
                                    sumTrialsB &+= tb[pick]
                                }
                                out[r] = difference(
                                    passA: sumPassA, trialsA: sumTrialsA,
                                    passB: sumPassB, trialsB: sumTrialsB
                                )
                            }
                        }
                    }
                }
            }
        }
        differences.sort()

        let alpha = 1 - min(max(confidence, 0), 1)
        let lower = Percentile.value(differences, alpha / 2) ?? estimate
        let upper = Percentile.value(differences, 1 - alpha / 2) ?? estimate
        return BootstrapInterval(estimate: estimate, lower: lower, upper: upper)
    }

    /// accuracy(B) − accuracy(A), an accuracy with zero trials counting as 0.
    @inline(__always)
    private static func difference(passA: Int, trialsA: Int, passB: Int, trialsB: Int) -> Double {
        let accuracyA = trialsA > 0 ? Double(passA) / Double(trialsA) : 0
        let accuracyB = trialsB > 0 ? Double(passB) / Double(trialsB) : 0
        return accuracyB - accuracyA
    }
}
