import Logging
import TriageEngine

/// What a run is asked for: the files, the engine, the command-line gates and how to run. ``load()`` reads
/// and checks the files and gates, ``prepare(workspace:store:)`` builds the engine and returns the
/// ``Evaluation`` to run, so nothing runs (or is stored) before every file and setting is known to be valid;
/// ``verdict(for:)`` says what the finished run means for CI.
public struct RunConfiguration: Sendable {
    /// The rules directory.
    public var rules: String
    /// The prompts directory.
    public var prompts: String
    /// Single prompt files replacing those of the directory, by prompt name.
    public var promptFiles: [String: String] = [:]
    /// Scenario files or directories.
    public var suitePaths: [String]
    /// An extra models file.
    public var modelsFile: String?
    /// The engine under test and its cache use.
    public var engine: EngineOptions
    /// Gates on the whole run (the suites bring their own).
    public var gates: GateSet
    /// Scenarios in flight at once.
    public var concurrency = 1
    /// Runs per scenario.
    public var repeats = 1
    /// The most share of errored scenarios before the run counts as not completed (exit 3); nil for
    /// ``GateSet/defaultMaxErrorRate``.
    public var maxErrorRate: Double?
    /// The variant's name when this is one arm of a variant comparison; stored with the run.
    public var variant: String?
    /// For a shard of a group (`--shard K/N --group NAME`): which slice of the scenarios to run. A shard's own
    /// verdict leaves gates and the error budget to `triage-eval gate` on the merged group.
    public var shard: GroupShard?
    /// Which scenarios run (`--filter`, `--tag`, `--limit`, `--sample`, `--failed-from`); empty runs every one.
    public var selection = ScenarioSelection()
    /// Where the engine, its transport's retries and the runner log; silent unless the caller hands one in.
    public var logger = Logger(label: "triage-eval", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Creates a configuration.
    public init(rules: String = "rules", prompts: String = "prompts", suitePaths: [String] = ["scenarios"], modelsFile: String? = nil,
                engine: EngineOptions = EngineOptions(), gates: GateSet = GateSet()) {
        self.rules = rules
        self.prompts = prompts
        self.suitePaths = suitePaths
        self.modelsFile = modelsFile
        self.engine = engine
        self.gates = gates
    }

    /// This configuration with what a variant changes.
    public func applying(_ variant: Variant) -> RunConfiguration {
        var configuration = self
        configuration.variant = variant.name
        configuration.rules = variant.rules ?? rules
        configuration.prompts = variant.prompts ?? prompts
        configuration.promptFiles.merge(variant.promptFiles) { _, replaced in replaced }
        configuration.engine.model = variant.model ?? engine.model
        if let replies = variant.replies { configuration.engine.modelReplies = replies == .model }
        return configuration
    }

    /// Loads the rules, prompts, models and suites, and checks the gates against the taxonomy.
    public func load() throws(RunSetupError) -> Workspace {
        let workspace: Workspace
        do {
            workspace = try Workspace.load(rules: rules, prompts: prompts, promptFiles: promptFiles, suitePaths: suitePaths, modelsFile: modelsFile)
        } catch { throw .files(error) }
        do { try gates.check(against: workspace.policy.taxonomy) } catch { throw .gates(error) }
        return workspace
    }

    /// Builds the engine for a loaded workspace and the evaluation to run; the response cache lives in `store`,
    /// and ``logger`` reaches the engine, its transport and the runner.
    /// With a ``selection``, the workspace is narrowed to the selected scenarios first (suites left without one
    /// are dropped) and the selection is stored with the run.
    public func prepare(workspace: Workspace, store: any RunStore) throws(RunSetupError) -> Evaluation {
        var workspace = workspace
        var selected: RunSelection?
        if !selection.isEmpty {
            do {
                let applied = try selection.apply(to: workspace.suites, store: store)
                workspace.suites = applied.suites
                selected = applied.selection
            } catch { throw .selection(error) }
        }
        var engine: Engine
        do { engine = try Engine.make(workspace: workspace, options: self.engine, store: store, logger: logger) } catch { throw .engine(error) }
        if let variant { engine.description.settings["variant"] = variant }
        engine.description.settings["concurrency"] = String(concurrency)
        engine.description.settings["repeat"] = String(repeats)
        // Stored with the run so `resume` can continue it; a run with single replaced prompt files is not resumable.
        let stored = promptFiles.isEmpty
            ? StoredRunConfiguration(rules: rules, prompts: prompts, modelsFile: modelsFile, options: self.engine, concurrency: concurrency,
                                     repeats: repeats, maxErrorRate: maxErrorRate)
            : nil
        var evaluation = Evaluation(workspace: workspace, engine: engine, gates: gates, concurrency: concurrency, repeats: repeats, configuration: stored)
        evaluation.shard = shard
        evaluation.selection = selected
        return evaluation
    }

    /// What a finished run means: interrupted, missing recorded responses in replay, too many errors, a failed
    /// gate, or passed, checked in that order (for a shard, only the first two).
    public func verdict(for outcome: Evaluation.Outcome) -> RunVerdict {
        let report = outcome.report
        if let interruption = outcome.interruption { return .interrupted(interruption) }
        if engine.cacheMode == .replayOnly {
            let misses = report.results.filter { $0.errorClass == ModelError.replayMiss.errorClass }
            if let first = misses.first { return .replayMisses(count: misses.count, first: first.suite + "/" + first.id) }
        }
        // A shard holds a slice: the gate on the merged group judges the error budget and the gates.
        if shard != nil { return .passed }
        if report.exceedsErrorBudget(maxErrorRate) {
            return .errorRateExceeded(rate: report.errorRate, limit: maxErrorRate ?? GateSet.defaultMaxErrorRate, byDefault: maxErrorRate == nil)
        }
        let failed = report.gates.filter { !$0.passed }
        return failed.isEmpty ? .passed : .gatesFailed(failed)
    }
}
