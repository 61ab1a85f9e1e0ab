/// How a scenario behaved over the repeats of a run.
public enum StabilityLabel: String, Sendable, Codable, CaseIterable {
    /// Passed every repeat.
    case stable
    /// Passed some repeats and failed others.
    case flaky
    /// Passed no repeat.
    case broken

    /// The label of a scenario that passed `passes` of `trials` repeats.
    public init(passes: Int, trials: Int) {
        self = passes == trials ? .stable : (passes == 0 ? .broken : .flaky)
    }
}
