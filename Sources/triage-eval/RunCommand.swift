import ArgumentParser
import Foundation
import TriageEngine
import TriageEval

/// `triage-eval run`: evaluate suites through the engine, store the run, print the report, gate.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run scenario suites through the engine, store the run and print the report.")

    @Argument(help: "Scenario files or directories (default: scenarios).")
    var paths: [String] = []

    @OptionGroup var files: FileOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var log: LogOptions
    @OptionGroup(title: "Selection") var select: SelectionOptions

    @Option(name: .long, help: "Report format: text, markdown, json, junit, csv or html (machine formats go to standard output).")
    var format: ReportFormat = .text

    @Option(name: .long, help: "Also write the report to this file.")
    var output: String?

    @OptionGroup var gate: GateOptions

    @Option(name: .long, help: ArgumentHelp("Run only shard K of N (1 <= K <= N) of the scenarios, as one shard of --group; `triage-eval gate group:NAME` judges the merged group.", valueName: "K/N"),
            transform: ShardSlice.argument)
    var shard: ShardSlice?

    @Option(name: .long, help: "The group a --shard run belongs to (the same for every shard of one logical run, e.g. the CI pipeline id).")
    var group: String?

    @Option(name: .long, parsing: .singleValue,
            help: ArgumentHelp("Run the suites under several variants and compare them pairwise (repeatable): SPEC is comma-separated model:NAME, rules:DIR, prompts:DIR, prompt:NAME=FILE, replies:model|templates.",
                               valueName: "NAME=SPEC"),
            transform: Variant.argument)
    var variant: [Variant] = []

    @Option(name: .long, help: "Scenarios in flight at once.")
    var concurrency = 1

    @Option(name: .customLong("repeat"), help: "Run every scenario this many times (each repeat has its own cache entry).")
    var repeats = 1

    @Option(name: .long, help: "The model under test, by name from the models file (default: the built-in offline engine).")
    var model: String?

    @Option(name: .long, help: "The judge model for rubric assertions, by name.")
    var judge: String?

    @Option(name: .long, help: "The embedding model for similar assertions, by name (default: offline hashed embedding).")
    var embeddingModel: String?

    @Option(name: .long, help: "With --model: draft replies with the model (model) or the templates (templates, one call fewer per ticket).")
    var replies: ReplySource = .model

    @Flag(name: .long, help: "Do not read or write the response cache.")
    var noCache = false

    @Flag(name: .long, help: "Answer only from the response cache; a missing response is an error (no network, no keys).")
    var replay = false

    func validate() throws {
        if concurrency < 1 { throw ValidationError("--concurrency must be at least 1") }
        if noCache && replay { throw ValidationError("--no-cache and --replay exclude each other: replay answers only from the cache") }
        if variant.count == 1 { throw ValidationError("--variant needs at least two variants to compare") }
        if Set(variant.map(\.name)).count != variant.count { throw ValidationError("--variant names must be unique") }
        if repeats < 1 { throw ValidationError("--repeat must be at least 1") }
        if !variant.isEmpty && ![.text, .markdown, .json, .html].contains(format) {
            throw ValidationError("--variant prints comparisons, in text, markdown, json or html; for \(format.rawValue), render the stored runs: `report RUN --format \(format.rawValue)`")
        }
        if shard != nil && group == nil { throw ValidationError("--shard needs --group NAME: the group its shards are merged under") }
        if group != nil && shard == nil { throw ValidationError("--group needs --shard K/N") }
        if let group, let problem = GroupShard.problem(withName: group) { throw ValidationError("--group: \(problem)") }
        if shard != nil && !variant.isEmpty { throw ValidationError("--shard and --variant exclude each other") }
    }

    /// What the flags ask for.
    var configuration: RunConfiguration {
        get throws {
            var engine = EngineOptions(model: model, judge: judge, embedding: embeddingModel,
                                       cacheMode: replay ? .replayOnly : (noCache ? .bypass : .readWrite))
            engine.modelReplies = replies == .model
            let gates = try gate.gateSet
            var configuration = RunConfiguration(rules: files.rules, prompts: files.prompts, suitePaths: paths.isEmpty ? ["scenarios"] : paths,
                                                 modelsFile: files.models, engine: engine, gates: gates)
            configuration.concurrency = concurrency
            configuration.repeats = repeats
            configuration.maxErrorRate = gate.maxErrorRate
            if let shard, let group { configuration.shard = GroupShard(group: group, slice: shard) }
            configuration.logger = log.makeLogger()
            configuration.selection = select.selection
            return configuration
        }
    }

    func run() async throws {
        let cancellation = CancellationFlag()
        let trap = SignalTrap(flag: cancellation, onSignal: announceSignal)
        defer { withExtendedLifetime(trap) {} }
        if variant.isEmpty {
            try await runOnce(try configuration, cancellation: cancellation)
        } else {
            try await runVariants(try configuration, cancellation: cancellation)
        }
    }

    /// Runs the suites once, prints and stores the report, and exits as its verdict says.
    func runOnce(_ configuration: RunConfiguration, cancellation: CancellationFlag) async throws {
        let workspace = try prepare { try configuration.load() }
        let store = try openStore(self.store)
        var evaluation = try prepare { try configuration.prepare(workspace: workspace, store: store) }
        evaluation.reportLines = format.reportLines
        if let selection = evaluation.selection { printError("triage-eval: " + selection.summary) }
        for note in evaluation.workspace.runNotes(judge: judge) { printError("note: " + note) }
        let outcome: Evaluation.Outcome
        do {
            outcome = try await evaluation.run(store: store, cancellation: cancellation,
                                               progress: ProgressReporter(total: evaluation.jobs.count))
        } catch {
            throw CommandFailure.incomplete("the run could not complete: \(error)")
        }
        try emit(outcome.report, store: store)
        if outcome.interruption == nil && outcome.report.errored > 0 {
            printError(ProgressReporter.resumeHint(run: outcome.runID, database: self.store.hintDatabase, errored: outcome.report.errored))
        }
        if let shard = configuration.shard, outcome.interruption == nil {
            printError("note: run #\(outcome.runID) is shard \(shard.slice) of group \(shard.group); its gates are judged on the merged group by `triage-eval gate group:\(shard.group) --shards \(shard.slice.count)`")
        }
        try configuration.verdict(for: outcome).conclude(run: outcome, database: self.store.hintDatabase)
    }

    /// Runs every variant, prints the pairwise comparisons, and exits 3 if one could not complete, else 1 if a gate failed.
    func runVariants(_ configuration: RunConfiguration, cancellation: CancellationFlag) async throws {
        let comparison = VariantComparison(base: configuration, variants: variant)
        let workspaces = try prepare { try comparison.load() }
        let store = try openStore(self.store)
        var gatesFailed = false
        let arms = try await prepare {
            try await comparison.run(workspaces: workspaces, store: store, cancellation: cancellation, progress: { ProgressReporter(total: $0) }) { arm in
                let report = arm.outcome.report
                printError(String(format: "variant %@: run #%lld, accuracy %.1f%% (%d/%d), errored %d", arm.variant.name, arm.outcome.runID,
                                  report.accuracy * 100, report.passed, report.scenarioCount, report.errored))
                if case .gatesFailed(let gates) = arm.verdict {
                    for gate in gates { printError("gate failed (variant \(arm.variant.name)): " + gate.summary) }
                    gatesFailed = true
                }
            }
        }
        if let stopped = arms.last, !stopped.verdict.isComplete { try stopped.verdict.conclude(run: stopped.outcome, database: self.store.hintDatabase, variant: stopped.variant.name) }
        let comparisons = try VariantComparison.comparisons(of: arms, store: store)
        if format == .html {
            // One page: the last variant's run, then every pairwise comparison.
            if let last = arms.last, let report = try RunReport.build(run: last.outcome.runID, store: store) {
                try emitReport(HTMLReport(run: report, comparison: comparisons.first, moreComparisons: Array(comparisons.dropFirst())).render(), output: output)
            }
        } else {
            var text = ""
            for comparison in comparisons { text += try comparison.render(format) + (format == .json ? "" : "\n") }
            try emitReport(text, output: output)
        }
        if gatesFailed { throw ExitCode(ExitStatus.gateFailed.rawValue) }
    }

    /// Prints the report and writes it to `--output`.
    func emit(_ report: RunReport, store: any RunStore) throws {
        try emitReport(format == .html ? try HTMLReport.build(for: report, store: store).render() : try report.render(format), output: output)
    }
}
