extension RunAggregates {
    /// The quantiles a report prints.
    static let latencyQuantiles = [0.5, 0.95, 0.99]

    /// p50, p95, p99 and the mean of `count` latencies that `next` hands over in ascending order (nil after
    /// the last), keeping only the samples the percentiles need; the mean adds them in that order, as a sorted
    /// array's `reduce(0, +)` does.
    static func latencySummary(count: Int, next: () throws -> Double?) rethrows -> LatencySummary {
        var wanted: Set<Int> = []
        for q in latencyQuantiles {
            if let pair = Percentile.indices(count: count, q) { wanted.insert(pair.lower); wanted.insert(pair.upper) }
        }
        var kept: [Int: Double] = [:]
        var sum = 0.0
        var index = 0
        while let value = try next() {
            if wanted.contains(index) { kept[index] = value }
            sum += value
            index += 1
        }
        // A store that changed between the count and the read gives fewer samples: read what there is.
        let seen = index
        func quantile(_ q: Double) -> Double { Percentile.value(count: seen, q) { kept[$0] ?? 0 } ?? 0 }
        return LatencySummary(p50: quantile(0.5), p95: quantile(0.95), p99: quantile(0.99), mean: seen == 0 ? 0 : sum / Double(seen))
    }
}
