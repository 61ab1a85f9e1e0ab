import Foundation
import Logging
import TriageEngine

/// One evaluation: store a run, run every scenario through the pipeline, store each result as it
/// completes, and mark the run completed or interrupted. Never leaves a run looking complete when it is not.
public struct Evaluation: Sendable {
    /// What came out.
    public struct Outcome: Sendable {
        /// The stored run id.
        public var runID: Int64
        /// The run's status.
        public var status: StoredRun.Status
        /// The report.
        public var report: RunReport
        /// Why it was interrupted, when it was.
        public var interruption: String?
        /// Wall time of the scenario phase alone (from the first scenario started to the last result stored).
        public var scenarioPhase: Duration = .zero
    }

    /// The loaded files.
    public let workspace: Workspace
    /// The engine under test.
    public let engine: Engine
    /// Command-line gates.
    public let gates: GateSet
    /// Concurrency.
    public let concurrency: Int
    /// Repeats per scenario.
    public let repeats: Int
    /// What the run was started with, stored with it so it can be resumed; nil stores none.
    public let configuration: StoredRunConfiguration?
    /// For a shard of a group: the group and the slice of the scenarios this run takes; nil runs them all.
    public var shard: GroupShard?
    /// The scenario selection the workspace was narrowed by, stored with the run; nil when every scenario runs.
    public var selection: RunSelection?
    /// How the run's process tells other processes it is alive while it runs.
    public var heartbeat = Heartbeat.standard
    /// Which per-scenario lines the outcome's report carries (its figures and gates are the same either way):
    /// a run printed as text needs only those that did not pass, not a line per scenario held in memory.
    public var reportLines = RunReport.Lines.all
    private let logger: Logger

    /// Creates an evaluation; it logs to `logger`, or to the engine's logger when none is given.
    public init(workspace: Workspace, engine: Engine, gates: GateSet = GateSet(),
                concurrency: Int = 1, repeats: Int = 1, configuration: StoredRunConfiguration? = nil, logger: Logger? = nil) {
        self.workspace = workspace
        self.engine = engine
        self.gates = gates
        self.concurrency = concurrency
        self.repeats = repeats
        self.configuration = configuration
        self.logger = logger ?? engine.logger
    }

    /// The scenario runs this evaluation makes: every scenario `repeats` times, or a shard's slice of them,
    /// made one at a time as they start.
    public var jobs: JobSequence { JobSequence(suites: workspace.suites, repeats: repeats, slice: shard?.slice) }

    /// Runs and stores; `progress` is told of every result, and `onResult` is called with each result once
    /// it is queued for the store. The evaluation is consumed: once the last result is stored its scenarios
    /// are let go (when no one else holds the workspace) before the report is read back from the store.
    public consuming func run(store: any RunStore, cancellation: CancellationFlag = CancellationFlag(), progress: ProgressReporter? = nil,
                    onResult: (@Sendable (ScenarioResult) -> Void)? = nil) async throws -> Outcome {
        try store.markStaleRuns()
        let suiteGates = Dictionary(uniqueKeysWithValues: workspace.suites.map { ($0.name, $0.gates) })
        var runGates = RunGates(suites: suiteGates, run: gates)
        for suite in workspace.suites where suite.gates.noRegressionAlpha != nil || gates.noRegressionAlpha != nil {
            if let baseline = try store.baseline(suite: suite.name) { runGates.baselines[suite.name] = baseline }
        }
        let scenarioCount = jobs.scenarioCount
        let stored = StoredRun(id: 0, status: .running, startedAt: Date(), finishedAt: nil, toolVersion: ToolVersion.current,
                               gitCommit: GitInfo.currentCommit(), engine: engine.description, gates: runGates,
                               plannedResults: jobs.count, suites: workspace.suites.map(\.name),
                               sources: engine.sources, pid: getpid(), host: ProcessInfo.processInfo.hostName, shard: shard,
                               selection: selection)
        let runID = try store.startRun(stored)
        if let configuration { try store.saveConfiguration(configuration, run: runID) }
        logger.info("run started", metadata: ["run.id": "\(runID)", "scenarios": "\(scenarioCount)", "repeats": "\(repeats)"])
        let end = try await perform(jobs, run: runID, planned: stored.plannedResults, store: store,
                                    cancellation: cancellation, progress: progress, onResult: onResult)
        let lines = reportLines
        // The scenarios (a suite of 100,000 holds about 50 MB of them) are not needed for the report.
        _ = consume self
        ProcessMemory.giveBack()
        return try Self.outcome(end, run: runID, store: store, lines: lines)
    }

    /// Runs `jobs` for a stored run and ends it: `completed` when it then has every planned result and was
    /// not cancelled, `interrupted` otherwise. Results are committed as they arrive (see ``ResultWriter``);
    /// with `replacing`, a result replaces an earlier (errored) one of the same scenario run with its calls.
    /// `adjust` may rewrite a result before it is stored.
    func execute<Jobs: Sequence & Sendable>(_ jobs: Jobs, run runID: Int64, planned: Int, replacing: Bool = false, store: any RunStore,
                 cancellation: CancellationFlag, progress: ProgressReporter?, onResult: (@Sendable (ScenarioResult) -> Void)?,
                 adjust: (@Sendable (ScenarioResult) throws -> ScenarioResult)? = nil) async throws -> Outcome where Jobs.Element == Runner.Job {
        let end = try await perform(jobs, run: runID, planned: planned, replacing: replacing, store: store, cancellation: cancellation,
                                    progress: progress, onResult: onResult, adjust: adjust)
        return try Self.outcome(end, run: runID, store: store, lines: reportLines)
    }

    /// How the scenario phase of a run ended.
    struct End {
        var status: StoredRun.Status
        var interruption: String?
        var scenarioPhase: Duration
    }

    /// Runs `jobs` for a stored run and ends it (see ``execute(_:run:planned:replacing:store:cancellation:progress:onResult:adjust:)``).
    func perform<Jobs: Sequence & Sendable>(_ jobs: Jobs, run runID: Int64, planned: Int, replacing: Bool = false, store: any RunStore,
                 cancellation: CancellationFlag, progress: ProgressReporter?, onResult: (@Sendable (ScenarioResult) -> Void)?,
                 adjust: (@Sendable (ScenarioResult) throws -> ScenarioResult)? = nil) async throws -> End where Jobs.Element == Runner.Job {
        let writer = ResultWriter(store: store, runID: runID, replacing: replacing)
        var runner = Runner(pipeline: engine.pipeline, assertions: engine.assertions, concurrency: concurrency, repeats: repeats, logger: logger)
        runner.qualityChecker = engine.quality
        runner.scoresEveryConversation = gates.minHealth != nil || workspace.suites.contains { $0.gates.minHealth != nil }
        var status = StoredRun.Status.completed
        var interruption: String?
        let phaseStart = ContinuousClock.now
        var phaseEnd = phaseStart
        let heartbeat = self.heartbeat
        let beats = Task { await heartbeat.run { try store.beat(run: runID, at: $0) } }
        defer { beats.cancel() }
        do {
            // The progress display is told of model calls as they are sent, end and are retried.
            try await StoreResponseCache.$recordingRun.withValue(runID) {
                try await CallContext.$observer.withValue(progress) {
                    try await runner.run(jobs: jobs, isCancelled: { cancellation.isCancelled }, cancellation: cancellation) { result in
                        let result = try adjust?(result) ?? result
                        progress?.record(result)
                        try writer.add(result)
                        onResult?(result)
                    }
                }
            }
            try writer.close()
            phaseEnd = ContinuousClock.now
            if cancellation.isCancelled {
                status = .interrupted
                interruption = cancellation.why
            } else {
                let storedResults = try store.resultCount(run: runID)
                if storedResults < planned {
                    status = .interrupted
                    interruption = "only \(storedResults) of \(planned) results were stored"
                }
            }
        } catch {
            status = .interrupted
            interruption = "\(error)"
            _ = try? writer.close()
        }
        progress?.finish()
        beats.cancel()
        store.releaseWriteMemory()
        try store.finishRun(runID, status: status)
        return End(status: status, interruption: interruption, scenarioPhase: phaseEnd - phaseStart)
    }

    /// The outcome of an ended run, its report read back from the store.
    static func outcome(_ end: End, run runID: Int64, store: any RunStore, lines: RunReport.Lines) throws -> Outcome {
        guard let report = try RunReport.build(run: runID, store: store, lines: lines) else { throw EvaluationError.runVanished(runID) }
        return Outcome(runID: runID, status: end.status, report: report, interruption: end.interruption, scenarioPhase: end.scenarioPhase)
    }
}
