/// What a report counts over one or more runs' results (the shards of a group count as one run), aggregated
/// where the results live: ``RunStore/aggregates(runs:)`` computes it in SQL, ``init(results:)`` from results
/// in memory, and ``RunReport`` derives every figure and statistic from it alone (gates and lines aside).
public struct RunAggregates: Sendable, Equatable {
    /// One scenario (suite and id): its repeats summed.
    public struct Scenario: Sendable, Equatable {
        /// Suite name.
        public var suite: String
        /// Scenario id.
        public var id: String
        /// Scenario runs (repeats).
        public var trials: Int
        /// Of those, passed.
        public var passed: Int
        /// Checks that held, per field in ``ScoredField/allCases`` order (reply: reply checks passed).
        public var held: [Int]
        /// Checks made, per field in the same order.
        public var made: [Int]

        /// Creates a scenario's sums.
        public init(suite: String, id: String, trials: Int, passed: Int, held: [Int], made: [Int]) {
            self.suite = suite
            self.id = id
            self.trials = trials
            self.passed = passed
            self.held = held
            self.made = made
        }
    }

    /// How many runs of one scenario expected one category and got another (`actual` nil when errored).
    public struct CategoryCell: Sendable, Equatable, Comparable {
        /// Suite name.
        public var suite: String
        /// Scenario id.
        public var scenarioID: String
        /// Expected category.
        public var expected: String
        /// Actual category; nil for errored runs.
        public var actual: String?
        /// Scenario runs.
        public var count: Int

        /// Creates a cell.
        public init(suite: String, scenarioID: String, expected: String, actual: String?, count: Int) {
            self.suite = suite
            self.scenarioID = scenarioID
            self.expected = expected
            self.actual = actual
            self.count = count
        }

        /// Orders by suite, scenario, expected and actual (errored first), independent of a database's collation.
        public static func < (a: CategoryCell, b: CategoryCell) -> Bool {
            if a.suite != b.suite { return a.suite < b.suite }
            if a.scenarioID != b.scenarioID { return a.scenarioID < b.scenarioID }
            if a.expected != b.expected { return a.expected < b.expected }
            guard let first = a.actual else { return b.actual != nil }
            guard let second = b.actual else { return false }
            return first < second
        }
    }

    /// One suite's counts.
    public struct SuiteCounts: Sendable, Equatable {
        /// Scenario runs.
        public var runs: Int
        /// Passed.
        public var passed: Int
        /// Errored.
        public var errored: Int
        /// With a decision (not errored).
        public var decided: Int
        /// Of those, escalated.
        public var escalated: Int

        /// Creates a suite's counts.
        public init(runs: Int, passed: Int, errored: Int, decided: Int, escalated: Int) {
            self.runs = runs
            self.passed = passed
            self.errored = errored
            self.decided = decided
            self.escalated = escalated
        }
    }

    /// Scenario runs of one expected escalation tier, and how many were escalated.
    public struct TierCounts: Sendable, Equatable {
        /// Scenario runs expecting the tier.
        public var total: Int
        /// Of those, escalated.
        public var escalated: Int

        /// Creates a tier's counts.
        public init(total: Int, escalated: Int) {
            self.total = total
            self.escalated = escalated
        }
    }

    /// A scenario run flagged as a suspected prompt injection.
    public struct InjectionFlag: Sendable, Equatable {
        /// Suite name.
        public var suite: String
        /// Scenario id.
        public var scenarioID: String
        /// Repeat index.
        public var repeatIndex: Int
        /// Whether a label the scenario expects differs from the one given (always when errored).
        public var labelsDiffer: Bool

        /// Creates a flag.
        public init(suite: String, scenarioID: String, repeatIndex: Int, labelsDiffer: Bool) {
            self.suite = suite
            self.scenarioID = scenarioID
            self.repeatIndex = repeatIndex
            self.labelsDiffer = labelsDiffer
        }
    }

    /// Scenario runs.
    public var results = 0
    /// Per scenario, in the order the run first met each.
    public var scenarios: [Scenario] = []
    /// Expected against actual category per scenario, sorted (``CategoryCell/<(_:_:)``).
    public var categoryCells: [CategoryCell] = []
    /// Per suite name.
    public var suites: [String: SuiteCounts] = [:]
    /// Decided scenario runs escalated to each team.
    public var teams: [String: Int] = [:]
    /// Errored scenario runs per error class.
    public var erroredByClass: [String: Int] = [:]
    /// Per expected escalation tier (raw value).
    public var tiers: [String: TierCounts] = [:]
    /// Scenario ids of the runs expecting an ALWAYS escalation that were not escalated, in run order.
    public var missedAlwaysIDs: [String] = []
    /// Scenario ids of the runs expecting no escalation that were escalated, in run order.
    public var falseEscalationIDs: [String] = []
    /// Latency percentiles and mean over every scenario run (zeros when there are none).
    public var latency = LatencySummary(p50: 0, p95: 0, p99: 0, mean: 0)
    /// Scenario runs flagged as prompt injections, in run order.
    public var injections: [InjectionFlag] = []
    /// The groups a store counted these from (``init(groups:injections:latency:)``), for the gates to count
    /// per suite (``GateTally``); empty when counted from results in memory. Equality ignores them.
    public var groups: [Group] = []

    /// Empty aggregates (no results).
    public init() {}

    /// Passed scenario runs.
    public var passed: Int { suites.values.reduce(0) { $0 + $1.passed } }
    /// Errored scenario runs.
    public var errored: Int { suites.values.reduce(0) { $0 + $1.errored } }

    /// Equal when every figure is, whatever groups they were counted from.
    public static func == (a: RunAggregates, b: RunAggregates) -> Bool {
        a.results == b.results && a.scenarios == b.scenarios && a.categoryCells == b.categoryCells && a.suites == b.suites && a.teams == b.teams
            && a.erroredByClass == b.erroredByClass && a.tiers == b.tiers && a.missedAlwaysIDs == b.missedAlwaysIDs
            && a.falseEscalationIDs == b.falseEscalationIDs && a.latency == b.latency && a.injections == b.injections
    }
}
