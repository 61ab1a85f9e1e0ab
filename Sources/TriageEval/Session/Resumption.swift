import Foundation
import Logging
import TriageEngine

/// A stored run made ready to continue in place (`triage-eval resume`): the files and models it was
/// started with are loaded again and checked against the hashes stored with it, and only its scenario runs
/// with no result or an errored one are left to run. Finished model calls are not sent again: the response
/// cache holds every call that finished, and a call this run made before is counted as its own, not as a
/// cache hit, so the report equals that of an uninterrupted run.
public struct Resumption: Sendable {
    /// The run as stored before resuming.
    public let run: StoredRun
    /// What it was started with.
    public let configuration: StoredRunConfiguration
    /// The evaluation that runs what is left.
    public let evaluation: Evaluation
    /// The scenario runs left: no result, or an errored one.
    public let jobs: [Runner.Job]
    /// Files that changed since the run started (only when resuming with `allowChanged`).
    public let changes: [String]

    /// Loads and checks a stored run for resuming.
    /// - Throws: ``EvaluationError`` when there is no such run, it was stored without a configuration, a live
    ///   process runs it, or (without `allowChanged`) a file changed; ``LoadErrors`` when a file no longer
    ///   loads; ``EngineSetupError`` when the engine cannot be built (a missing API key).
    public static func prepare(run id: Int64, store: any RunStore, allowChanged: Bool = false,
                               environment: [String: String] = ProcessInfo.processInfo.environment,
                               transport: (any HTTPTransport)? = nil,
                               logger: Logger = Logger(label: "triage-eval", factory: { _ in SwiftLogNoOpLogHandler() })) throws -> Resumption {
        try store.markStaleRuns()
        guard let run = try store.run(id) else { throw EvaluationError.noSuchRun(id) }
        if run.status == .running { throw EvaluationError.alreadyRunning(id, pid: run.pid, host: run.host) }
        guard let configuration = try store.configuration(run: id) else { throw EvaluationError.notResumable(id) }

        let suiteFiles = run.sources.filter { $0.kind == "suite" }.map { configuration.resolve($0.path) }
        var workspace = try Workspace.load(rules: configuration.resolve(configuration.rules), prompts: configuration.resolve(configuration.prompts),
                                           suitePaths: suiteFiles, modelsFile: configuration.modelsFile.map(configuration.resolve))
        // A partial run continues with the scenarios it selected: the stored criteria, applied again, select them.
        if let selection = run.selection { workspace.suites = try selection.criteria.apply(to: workspace.suites, store: store).suites }
        var engine = try Engine.make(workspace: workspace, options: configuration.options, store: store, environment: environment, transport: transport, logger: logger)
        engine.description = run.engine
        let changes = Self.changes(stored: run.sources, now: engine.sources, configuration: configuration)
        if !changes.isEmpty && !allowChanged { throw EvaluationError.filesChanged(id, changes) }

        let finished = try store.finishedKeys(run: id)
        var evaluation = Evaluation(workspace: workspace, engine: engine, gates: run.gates.run, concurrency: configuration.concurrency,
                                    repeats: configuration.repeats, configuration: configuration, logger: logger)
        evaluation.shard = run.shard
        // The run's own scenario runs (a shard's slice only), less those that finished.
        let jobs = evaluation.jobs.filter {
            !finished.contains(ResultKey(suite: $0.scenario.suite, scenarioID: $0.scenario.id, repeatIndex: $0.repeatIndex))
        }
        return Resumption(run: run, configuration: configuration, evaluation: evaluation, jobs: jobs, changes: changes)
    }

    /// How the files a run used differ from the files as they are now, one line per file.
    static func changes(stored: [SourceFile], now: [SourceFile], configuration: StoredRunConfiguration) -> [String] {
        var current: [String: SourceFile] = [:]
        for source in now { current[source.path] = source }
        var changes: [String] = []
        for source in stored {
            // Model configurations are named `model:NAME`, files by their path as given.
            let path = source.path.contains(":") && !source.path.contains("/") ? source.path : configuration.resolve(source.path)
            guard let found = current[path] else {
                changes.append("\(source.path) is no longer used")
                continue
            }
            if found.sha256 != source.sha256 {
                changes.append("\(source.path) changed since the run started (sha256 \(source.sha256.prefix(12)), now \(found.sha256.prefix(12)))")
            }
        }
        return changes
    }

    /// Runs what is left, in place, and ends the run `completed` when it then has every result.
    public func run(store: any RunStore, cancellation: CancellationFlag = CancellationFlag(), progress: ProgressReporter? = nil,
                    onResult: (@Sendable (ScenarioResult) -> Void)? = nil) async throws -> Evaluation.Outcome {
        let id = run.id
        guard try store.reopenRun(id) else {
            let now = try store.run(id)
            throw EvaluationError.alreadyRunning(id, pid: now?.pid ?? 0, host: now?.host ?? "")
        }
        let attribution = try CallAttribution(store: store, run: id)
        return try await evaluation.execute(jobs, run: id, planned: run.plannedResults, replacing: true, store: store,
                                            cancellation: cancellation, progress: progress, onResult: onResult,
                                            adjust: { try attribution.adjust($0) })
    }
}

/// Tells a resumed run's own earlier calls from cache hits: a response this run cached before it stopped
/// (a call of a scenario that had not finished) was made and paid for by this run, so it is recorded as
/// an uncached call, as an uninterrupted run records it.
final class CallAttribution: @unchecked Sendable {
    private let store: any RunStore
    private let runID: Int64
    private let lock = NSLock()
    /// Request hashes of calls the run's stored results already made uncached (a second scenario with the
    /// same request is a real cache hit, as in an uninterrupted run).
    private var claimed: Set<String>

    init(store: any RunStore, run id: Int64) throws {
        self.store = store
        runID = id
        claimed = try store.uncachedCallHashes(run: id)
    }

    func adjust(_ result: ScenarioResult) throws -> ScenarioResult {
        let hits = result.calls.filter { $0.cached && $0.errorClass == nil }.map(\.requestHash)
        guard !hits.isEmpty else { return result }
        let owners = try store.cachedResponseRuns(keys: hits)
        var adjusted = result
        for index in adjusted.calls.indices {
            let call = adjusted.calls[index]
            guard call.cached, call.errorClass == nil, owners[call.requestHash] == runID else { continue }
            let isNew = lock.withLock { claimed.insert(call.requestHash).inserted }
            guard isNew else { continue }
            // The attempts the original call took are not cached; it took at least one.
            adjusted.calls[index].cached = false
            adjusted.calls[index].attempts = 1
        }
        return adjusted
    }
}
