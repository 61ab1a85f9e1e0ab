/// The scenario runs of a run in order, made one at a time as the runner starts them: each scenario
/// `repeats` times, keeping only those of a shard's slice when one is given (with their positions in the
/// whole run). Nothing is copied up front, so a run of 100,000 scenarios holds no second list of them.
public struct JobSequence: Sequence, Sendable {
    /// The scenarios, in run order.
    public let scenarios: [Scenario]
    /// How many times each scenario runs.
    public let repeats: Int
    /// The shard whose scenarios are kept; nil keeps every one.
    public let slice: ShardSlice?

    /// Creates the sequence of `scenarios` run `repeats` times, narrowed to `slice` when given.
    public init(_ scenarios: [Scenario], repeats: Int, slice: ShardSlice? = nil) {
        self.scenarios = scenarios
        self.repeats = Swift.max(1, repeats)
        self.slice = slice
    }

    /// How many scenario runs the sequence makes (a shard's slice is counted by hashing each scenario's name).
    public var count: Int {
        guard let slice else { return scenarios.count * repeats }
        return scenarios.reduce(0) { $0 + (slice.contains(suite: $1.suite, id: $1.id) ? repeats : 0) }
    }

    /// Steps through the scenarios, then their repeats.
    public struct Iterator: IteratorProtocol {
        let sequence: JobSequence
        var ordinal = 0
        var repeatIndex = 0

        /// The next scenario run, or nil after the last.
        public mutating func next() -> Runner.Job? {
            while ordinal < sequence.scenarios.count {
                let scenario = sequence.scenarios[ordinal]
                if repeatIndex == 0, let slice = sequence.slice, !slice.contains(suite: scenario.suite, id: scenario.id) {
                    ordinal += 1
                    continue
                }
                let job = Runner.Job(ordinal: ordinal, scenario: scenario, repeatIndex: repeatIndex)
                repeatIndex += 1
                if repeatIndex == sequence.repeats {
                    repeatIndex = 0
                    ordinal += 1
                }
                return job
            }
            return nil
        }
    }

    /// An iterator from the first scenario run.
    public func makeIterator() -> Iterator { Iterator(sequence: self) }

    /// At least the number of scenario runs when no slice narrows them.
    public var underestimatedCount: Int { slice == nil ? scenarios.count * repeats : 0 }
}
