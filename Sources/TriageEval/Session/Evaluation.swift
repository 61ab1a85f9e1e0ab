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
    private let logger: Logger

    /// Creates an evaluation; it logs to `logger`, or to the engine's logger when none is given.
    public init(workspace: Workspace, engine: Engine, gates: GateSet = GateSet(),
                concurrency: Int = 1, repeats: Int = 1, logger: Logger? = nil) {
        self.workspace = workspace
        self.engine = engine
        self.gates = gates
        self.concurrency = concurrency
        self.repeats = repeats
        self.logger = logger ?? engine.logger
    }

    /// Runs and stores; `progress` is told of every result.
    public func run(store: any RunStore, cancellation: CancellationFlag = CancellationFlag(), progress: ProgressReporter? = nil) async throws -> Outcome {
        try store.markStaleRuns()
        let scenarios = workspace.scenarios
        let suiteGates = Dictionary(uniqueKeysWithValues: workspace.suites.map { ($0.name, $0.gates) })
        var runGates = RunGates(suites: suiteGates, run: gates)
        for suite in workspace.suites where suite.gates.noRegressionAlpha != nil || gates.noRegressionAlpha != nil {
            if let baseline = try store.baseline(suite: suite.name) { runGates.baselines[suite.name] = baseline }
        }
        let stored = StoredRun(id: 0, status: .running, startedAt: Date(), finishedAt: nil, toolVersion: ToolVersion.current,
                               gitCommit: GitInfo.currentCommit(), engine: engine.description, gates: runGates,
                               plannedResults: scenarios.count * repeats, suites: workspace.suites.map(\.name),
                               sources: engine.sources, pid: getpid(), host: ProcessInfo.processInfo.hostName)
        let runID = try store.startRun(stored)
        logger.info("run started", metadata: ["run.id": "\(runID)", "scenarios": "\(scenarios.count)", "repeats": "\(repeats)"])

        let buffer = ResultBuffer(store: store, runID: runID)
        let runner = Runner(pipeline: engine.pipeline, assertions: engine.assertions, concurrency: concurrency, repeats: repeats, logger: logger)
        var status = StoredRun.Status.completed
        var interruption: String?
        let phaseStart = ContinuousClock.now
        var phaseEnd = phaseStart
        do {
            try await runner.run(scenarios, isCancelled: { cancellation.isCancelled }) { result in
                progress?.record(result)
                try buffer.add(result)
            }
            try buffer.flush()
            phaseEnd = ContinuousClock.now
            if cancellation.isCancelled {
                status = .interrupted
                interruption = cancellation.why
            } else {
                let storedResults = try store.resultCount(run: runID)
                if storedResults < stored.plannedResults {
                    status = .interrupted
                    interruption = "only \(storedResults) of \(stored.plannedResults) results were stored"
                }
            }
        } catch {
            status = .interrupted
            interruption = "\(error)"
            try? buffer.flush()
        }
        progress?.finish()
        try store.finishRun(runID, status: status)
        guard let report = try RunReport.build(run: runID, store: store) else { throw EngineSetupError("run #\(runID) vanished from the store") }
        return Outcome(runID: runID, status: status, report: report, interruption: interruption, scenarioPhase: phaseEnd - phaseStart)
    }
}

/// Buffers results and writes them in transactions of up to 256, or every half second.
final class ResultBuffer: @unchecked Sendable {
    private let lock = NSLock()
    private let store: any RunStore
    private let runID: Int64
    private var pending: [ScenarioResult] = []
    private var lastFlush = Date()

    init(store: any RunStore, runID: Int64) {
        self.store = store
        self.runID = runID
    }

    func add(_ result: ScenarioResult) throws {
        lock.lock(); defer { lock.unlock() }
        pending.append(result)
        if pending.count >= 256 || Date().timeIntervalSince(lastFlush) > 0.5 { try flushLocked() }
    }

    func flush() throws {
        lock.lock(); defer { lock.unlock() }
        try flushLocked()
    }

    private func flushLocked() throws {
        guard !pending.isEmpty else { return }
        try store.append(pending, run: runID)
        pending.removeAll(keepingCapacity: true)
        lastFlush = Date()
    }
}
