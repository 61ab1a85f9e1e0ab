extension GateTally {
    /// The tally of one scope (`suite`, or the whole run when nil) of the stored results of `runs` (one run, or a
    /// group's shards): counts from the groups of `aggregates` (``RunStore/aggregates(runs:)``), the scored
    /// results the report read, and from the store only what `gates` needs besides (the p95 latency of a suite
    /// that is not the whole run, the scenarios slower than the latency threshold, the cost).
    public static func load(_ gates: GateSet, suite: String?, runs: [Int64], aggregates: RunAggregates, scored: [ScenarioResult],
                            store: any RunStore) throws -> GateTally {
        var tally = GateTally(groups: aggregates.groups, injections: aggregates.injections, scored: scored, suite: suite)
        var ranks: ClosedRange<Int>?
        if gates.maxP95LatencyMs != nil {
            // The run's p95 is in the aggregates already; a suite's is read at its one or two ranks.
            if tally.results == aggregates.results {
                tally.latencyP95 = aggregates.latency.p95
            } else if let pair = Percentile.indices(count: tally.results, 0.95) {
                ranks = pair.lower...pair.upper
            }
        }
        guard gates.maxP95LatencyMs != nil || gates.maxCostUSD != nil else { return tally }
        let readings = try store.gateReadings(runs: runs, suite: suite, latencyRanks: ranks, slowerThan: gates.maxP95LatencyMs, costs: gates.maxCostUSD != nil)
        if let ranks {
            let latencies = readings.latencies
            tally.latencyP95 = Percentile.value(count: tally.results, 0.95) { rank in
                let index = rank - ranks.lowerBound
                return latencies.indices.contains(index) ? latencies[index] : 0
            } ?? 0
        }
        tally.slow = readings.slowIDs
        tally.costUSD = readings.costUSD
        return tally
    }
}
