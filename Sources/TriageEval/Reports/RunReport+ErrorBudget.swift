extension RunReport {
    /// The share of scenario runs that errored (0 for an empty run).
    public var errorRate: Double { scenarioCount == 0 ? 0 : Double(errored) / Double(scenarioCount) }

    /// Whether more scenario runs errored than `maxErrorRate` allows (``GateSet/defaultMaxErrorRate`` when nil):
    /// such a run exits 3.
    public func exceedsErrorBudget(_ maxErrorRate: Double?) -> Bool {
        errorRate > (maxErrorRate ?? GateSet.defaultMaxErrorRate)
    }
}
