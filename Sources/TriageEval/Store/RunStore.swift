import Foundation
import TriageEngine

/// What runs, the runner, the response cache, reports, comparisons, baselines and drift need from storage.
///
/// ``SQLiteStore`` is the implementation today; a second backend implements this protocol and runs the same
/// parameterized store tests. Every method is one transaction: a failure leaves the store as it was.
/// Implementations are value types safe to share between tasks, like GRDB's `DatabaseWriter` they wrap.
public protocol RunStore: Sendable {
    /// Where the store lives, for messages (a file path or a PostgreSQL URL; never a password).
    var location: String { get }

    // MARK: Runs

    /// Records the start of a run (its sources, suites and selection with it, its start as its first heartbeat)
    /// and returns the new run's id.
    func startRun(_ run: StoredRun) throws -> Int64
    /// Marks a run ended with `status` at `date`.
    func finishRun(_ id: Int64, status: StoredRun.Status, at date: Date) throws
    /// The run with this id (with its selection and last heartbeat), or nil.
    func run(_ id: Int64) throws -> StoredRun?
    /// The newest run id, optionally only of runs that include `suite` (matched exactly) or that completed.
    func latestRunID(suite: String?, completedOnly: Bool) throws -> Int64?
    /// The newest runs first, at most `limit`.
    func runs(limit: Int) throws -> [StoredRun]
    /// Completed runs that include `suite` (matched exactly), oldest first: the newest `limit` of them.
    func completedRuns(suite: String, limit: Int) throws -> [StoredRun]

    // MARK: Results

    /// Appends results (with their model calls and rendered requests) to a run; a result stored again replaces the first.
    func append(_ results: [ScenarioResult], run id: Int64) throws
    /// How many results a run has stored.
    func resultCount(run id: Int64) throws -> Int
    /// The results of a run in scenario order, in `detail`.
    func results(run id: Int64, detail: ResultDetail) throws -> [ScenarioResult]
    /// Every model call of a run, in scenario order.
    func calls(run id: Int64) throws -> [CallRecord]
    /// The rendered request body stored under a hash.
    func request(hash: String) throws -> String?

    // MARK: Baselines

    /// Approves a run as the baseline of a suite (replacing the previous one).
    func setBaseline(suite: String, run id: Int64, at date: Date) throws
    /// The baseline run of a suite.
    func baseline(suite: String) throws -> Int64?
    /// Every baseline, by suite name.
    func baselines() throws -> [Baseline]

    // MARK: Response cache

    /// The cached response for a key.
    func cachedResponse(key: String) async throws -> CachedResponse?
    /// Caches a response with the run whose call it answered (nil outside a run); the first one for a key wins.
    func cacheResponse(_ response: CachedResponse, key: String, run: Int64?) async throws
    /// How many responses the cache holds.
    func cachedResponseCount() throws -> Int
    /// The runs that cached the responses under these keys (responses cached before provenance was kept have none).
    func cachedResponseRuns(keys: [String]) throws -> [String: Int64]

    // MARK: Resume

    /// Stores the configuration a run was started with.
    func saveConfiguration(_ configuration: StoredRunConfiguration, run id: Int64) throws
    /// The configuration a run was started with; nil for runs stored before resume existed.
    func configuration(run id: Int64) throws -> StoredRunConfiguration?
    /// When a run last stored a result (or was resumed); nil before its first.
    func progressTime(run id: Int64) throws -> Date?
    /// Commits results and the run's progress time in one transaction; with `replacing`, the calls stored for
    /// earlier results of the same scenario runs (errored ones being re-run) are removed first.
    func commit(_ results: [ScenarioResult], run id: Int64, replacing: Bool, at date: Date) throws
    /// Gives back memory the store kept for writing (a page cache), once a run's results are committed.
    func releaseWriteMemory()
    /// The scenario runs of a run that need no re-run: every stored result that did not error.
    func finishedKeys(run id: Int64) throws -> Set<ResultKey>
    /// The request hashes of the calls a run's finished (not errored) results made without the cache.
    func uncachedCallHashes(run id: Int64) throws -> Set<String>
    /// Marks an ended run running again in process `pid` on `host`; false when it is running already.
    func reopenRun(_ id: Int64, pid: Int32, host: String, at date: Date) throws -> Bool

    // MARK: Groups (shards of one logical run: `run --shard K/N --group NAME`)

    /// Every run of a group, oldest first (a shard run again appears once per run).
    func runs(group: String) throws -> [StoredRun]
    /// The results of several runs (a group's shards) in scenario order, as one run over all of them stores them.
    func results(runs ids: [Int64], detail: ResultDetail) throws -> [ScenarioResult]
    /// The model calls of several runs in the order of their results, then of the calls within each.
    func calls(runs ids: [Int64]) throws -> [CallRecord]

    // MARK: Selection and heartbeat (v8: `run.selection_json`, `run.heartbeat_at`)

    /// The scenarios (suite and id) with a failed or errored result in a run: what `run --failed-from` selects.
    func failedScenarios(run id: Int64) throws -> Set<ScenarioKey>
    /// Records that a running run's process is alive at `date`; an ended run is left as it is.
    func beat(run id: Int64, at date: Date) throws
    /// Marks runs left `running` as interrupted, each ended at its last sign of life, and returns their ids, as
    /// ``RunLease/end(of:host:isAlive:lease:now:ownPID:)`` decides: on `host`, those whose process is gone; on any
    /// host, those whose heartbeat (or, for rows without one, progress or start) is older than `lease` seconds at `now`.
    func markStaleRuns(host: String, isAlive: (Int32) -> Bool, lease: TimeInterval, now: Date) throws -> [Int64]

    // MARK: Viewer

    /// One scenario run of a run in full detail, with its model calls in order (their request bodies stay
    /// in ``request(hash:)``); nil when the run has no such result.
    func result(run id: Int64, key: ResultKey) throws -> ScenarioResult?
    // MARK: Aggregates

    /// What a report counts over the results of `runs` (a group's shards together), computed where they are
    /// stored (``ReportSQL``'s statements) instead of loading every result.
    func aggregates(runs: [Int64]) throws -> RunAggregates
    /// Hands the results of `runs` to `body` one at a time in stored order (scenario ordinal, repeat, run: a group's
    /// shards interleaved as one run over their scenarios stores them), in summary
    /// detail: only those of `suites` unless nil, and with `failuresOnly` only those that did not pass (a
    /// report's lines, or the results its gates judge, without holding every result).
    func forEachResult(runs: [Int64], suites: [String]?, failuresOnly: Bool, _ body: (ScenarioResult) throws -> Void) throws
    /// Hands the results of `runs` whose conversation quality was scored to `body` one at a time, in run order and
    /// summary detail (a report's quality summary, without reading the others).
    func forEachScoredResult(runs: [Int64], _ body: (ScenarioResult) throws -> Void) throws
    /// What gates read of the results of `runs` (of `suite` unless nil) that ``aggregates(runs:)`` does not
    /// hold (``ReportSQL/latencyRanks``, ``ReportSQL/slowIDs``, ``ReportSQL/costs``): the latencies at the
    /// ascending ranks `latencyRanks`, the first ``GateTally/listed`` scenario ids slower than `slowerThan` in
    /// stored order, and with `costs` the cost of the model under test summed in stored order.
    func gateReadings(runs: [Int64], suite: String?, latencyRanks: ClosedRange<Int>?, slowerThan: Double?, costs: Bool) throws -> GateReadings
    // MARK: Learning queue

    /// Stores a new queue item and returns its id; nil (storing nothing) when an item of the same conversation
    /// and source is stored already.
    func addLearnItem(_ item: LearnItem) throws -> Int64?
    /// The queue items in id order, only those with `status` when given.
    func learnItems(status: LearnItem.Status?) throws -> [LearnItem]
    /// The queue item with this id, or nil.
    func learnItem(_ id: Int64) throws -> LearnItem?
    /// Stores the review fields of items (status, expected labels, reason, decided_at, applied_suite) in one transaction.
    func updateLearnItems(_ items: [LearnItem]) throws
}

/// One scenario run of a run: suite, scenario id and repeat index.
public struct ResultKey: Hashable, Sendable {
    /// Suite name.
    public var suite: String
    /// Scenario id.
    public var scenarioID: String
    /// Repeat index.
    public var repeatIndex: Int

    /// Creates a key.
    public init(suite: String, scenarioID: String, repeatIndex: Int) {
        self.suite = suite
        self.scenarioID = scenarioID
        self.repeatIndex = repeatIndex
    }
}

/// How much of a result to load.
public enum ResultDetail: Sendable {
    /// Labels, verdicts, the failed checks only, deciding rule: what reports need.
    case summary
    /// Everything, including the full decision (trace, reply) and every check.
    case full
}

/// A suite's approved baseline run.
public struct Baseline: Sendable, Equatable {
    /// The suite name.
    public var suite: String
    /// The approved run.
    public var run: Int64
    /// When it was approved.
    public var setAt: Date

    /// Creates a baseline.
    public init(suite: String, run: Int64, setAt: Date) {
        self.suite = suite
        self.run = run
        self.setAt = setAt
    }
}

extension RunStore {
    /// Marks a run ended now.
    public func finishRun(_ id: Int64, status: StoredRun.Status) throws {
        try finishRun(id, status: status, at: Date())
    }

    /// Marks stale runs interrupted now: of this host whose process is gone, of any host whose heartbeat is older
    /// than the lease (``RunLease/seconds(environment:)``); returns their ids.
    @discardableResult
    public func markStaleRuns() throws -> [Int64] {
        try markStaleRuns(host: ProcessInfo.processInfo.hostName, isAlive: StoredRun.processIsAlive)
    }

    /// ``markStaleRuns(host:isAlive:lease:now:)`` now, with the lease of the environment.
    @discardableResult
    public func markStaleRuns(host: String, isAlive: (Int32) -> Bool) throws -> [Int64] {
        try markStaleRuns(host: host, isAlive: isAlive, lease: RunLease.seconds(), now: Date())
    }

    /// ``markStaleRuns(host:isAlive:)`` on this host.
    @discardableResult
    public func markStaleRuns(isAlive: (Int32) -> Bool) throws -> [Int64] {
        try markStaleRuns(host: ProcessInfo.processInfo.hostName, isAlive: isAlive)
    }

    /// The newest run id, optionally of runs that include `suite`.
    public func latestRunID(suite: String? = nil) throws -> Int64? {
        try latestRunID(suite: suite, completedOnly: false)
    }

    /// The newest 20 runs first.
    public func runs() throws -> [StoredRun] {
        try runs(limit: 20)
    }

    /// The results of a run in full detail.
    public func results(run id: Int64) throws -> [ScenarioResult] {
        try results(run: id, detail: .full)
    }

    /// Commits results with the progress time now.
    public func commit(_ results: [ScenarioResult], run id: Int64, replacing: Bool) throws {
        try commit(results, run: id, replacing: replacing, at: Date())
    }

    /// Keeps no memory for writing (the default for a store that keeps none).
    public func releaseWriteMemory() {}

    /// Marks an ended run running again in this process, now; false when it is running already.
    public func reopenRun(_ id: Int64) throws -> Bool {
        try reopenRun(id, pid: getpid(), host: ProcessInfo.processInfo.hostName, at: Date())
    }

    /// Caches a response outside any run.
    public func cacheResponse(_ response: CachedResponse, key: String) async throws {
        try await cacheResponse(response, key: key, run: nil)
    }

    /// Approves a run as the baseline of a suite now.
    public func setBaseline(suite: String, run id: Int64) throws {
        try setBaseline(suite: suite, run: id, at: Date())
    }
}
