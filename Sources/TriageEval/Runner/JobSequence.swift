/// The scenario runs of a run in order, made one at a time as the runner starts them: each scenario
/// `repeats` times, keeping only those of a shard's slice when one is given (with their positions in the
/// whole run). Nothing is copied up front: the sequence walks the suites' own scenario lists (which it
/// shares with the workspace), so a run of 100,000 scenarios holds no second list of them.
public struct JobSequence: Sequence, Sendable {
    /// The scenarios in run order, one list per suite.
    public let groups: [[Scenario]]
    /// How many times each scenario runs.
    public let repeats: Int
    /// The shard whose scenarios are kept; nil keeps every one.
    public let slice: ShardSlice?

    /// Creates the sequence of `scenarios` run `repeats` times, narrowed to `slice` when given.
    public init(_ scenarios: [Scenario], repeats: Int, slice: ShardSlice? = nil) {
        self.init(groups: [scenarios], repeats: repeats, slice: slice)
    }

    /// Creates the sequence of the scenarios of `suites` in order, each run `repeats` times, narrowed to
    /// `slice` when given.
    public init(suites: [Suite], repeats: Int, slice: ShardSlice? = nil) {
        self.init(groups: suites.map(\.scenarios), repeats: repeats, slice: slice)
    }

    init(groups: [[Scenario]], repeats: Int, slice: ShardSlice?) {
        self.groups = groups
        self.repeats = Swift.max(1, repeats)
        self.slice = slice
    }

    /// How many scenarios there are before the slice and the repeats.
    public var scenarioCount: Int { groups.reduce(0) { $0 + $1.count } }

    /// How many scenario runs the sequence makes (a shard's slice is counted by hashing each scenario's name).
    public var count: Int {
        guard let slice else { return scenarioCount * repeats }
        return groups.reduce(0) { total, group in
            group.reduce(total) { $0 + (slice.contains(suite: $1.suite, id: $1.id) ? repeats : 0) }
        }
    }

    /// Steps through the scenarios, then their repeats.
    public struct Iterator: IteratorProtocol {
        let sequence: JobSequence
        var group = 0
        var position = 0
        var ordinal = 0
        var repeatIndex = 0

        /// The next scenario run, or nil after the last.
        public mutating func next() -> Runner.Job? {
            while group < sequence.groups.count {
                let scenarios = sequence.groups[group]
                guard position < scenarios.count else {
                    group += 1
                    position = 0
                    continue
                }
                let scenario = scenarios[position]
                if repeatIndex == 0, let slice = sequence.slice, !slice.contains(suite: scenario.suite, id: scenario.id) {
                    position += 1
                    ordinal += 1
                    continue
                }
                let job = Runner.Job(ordinal: ordinal, scenario: scenario, repeatIndex: repeatIndex)
                repeatIndex += 1
                if repeatIndex == sequence.repeats {
                    repeatIndex = 0
                    position += 1
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
    public var underestimatedCount: Int { slice == nil ? scenarioCount * repeats : 0 }
}
