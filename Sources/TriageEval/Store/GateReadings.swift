/// What gates read from a store besides its aggregates (``RunStore/gateReadings(runs:suite:latencyRanks:slowerThan:costs:)``).
public struct GateReadings: Sendable, Equatable {
    /// The latencies at the asked ascending ranks, in rank order (fewer when the results are fewer).
    public var latencies: [Double] = []
    /// The first ``GateTally/listed`` scenario ids slower than the asked threshold, in stored order.
    public var slowIDs: [String] = []
    /// The cost of the model under test, added up in stored order (0 unless asked).
    public var costUSD = 0.0

    /// Creates readings.
    public init(latencies: [Double] = [], slowIDs: [String] = [], costUSD: Double = 0) {
        self.latencies = latencies
        self.slowIDs = slowIDs
        self.costUSD = costUSD
    }
}
