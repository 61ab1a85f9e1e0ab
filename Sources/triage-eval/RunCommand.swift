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

    @Option(name: .long, help: "Report format: text, markdown, json, junit, csv or html (machine formats go to standard output).")
    var format: ReportFormat = .text

    @Option(name: .long, help: "Also write the report to this file.")
    var output: String?

    @Option(name: .long, help: "Fail (exit 1) when overall accuracy is below this share (0...1).")
    var minAccuracy: Double?

    @Option(name: .long, parsing: .singleValue, help: "Fail when a field's accuracy is below a share, as FIELD=SHARE (repeatable), e.g. escalate=0.95.")
    var minField: [String] = []

    @Option(name: .long, help: "Fail when the recall of ALWAYS escalations is below this share.")
    var minAlwaysRecall: Double?

    @Option(name: .long, help: "Fail when more NEVER scenarios than this are escalated.")
    var maxFalseEscalations: Int?

    @Option(name: .long, help: "Exit 3 when the share of errored scenarios exceeds this (default 0.05; 1 never fails for errors).")
    var maxErrorRate: Double?

    @Option(name: .long, help: "Fail when more scenarios flagged as prompt injection than this have labels that differ from the expected ones.")
    var maxInjectionChanges: Int?

    @Option(name: .long, help: "Fail when the share of decided scenarios that were escalated exceeds this (the seed systems alerted above 0.25).")
    var maxEscalationRate: Double?

    @Option(name: .long, help: "Fail when the mean health score (0-100) of the conversations with earlier agent turns is below this.")
    var minHealth: Double?

    @Option(name: .long, help: "Fail when the p95 scenario latency exceeds this many milliseconds.")
    var maxP95LatencyMs: Double?

    @Option(name: .long, help: "Fail when the model under test costs more than this many US dollars.")
    var maxCost: Double?

    @Option(name: .long, help: "Fail only on a significant drop against each suite's baseline (McNemar score test at this alpha, Holm-adjusted over suites, e.g. 0.05).")
    var noRegression: Double?

    @Option(name: .long, help: "Fail when a category's recall is below a share, as CATEGORY=SHARE (repeatable).")
    var minRecall: [String] = []

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
        for (name, value) in [("--min-accuracy", minAccuracy), ("--min-always-recall", minAlwaysRecall), ("--max-error-rate", maxErrorRate),
                              ("--max-escalation-rate", maxEscalationRate)] {
            if let value, !(0...1).contains(value) { throw ValidationError("\(name) must be between 0 and 1, got \(value)") }
        }
        _ = try fieldGates
        if concurrency < 1 { throw ValidationError("--concurrency must be at least 1") }
        if noCache && replay { throw ValidationError("--no-cache and --replay exclude each other: replay answers only from the cache") }
        if let noRegression, !(0.0001...0.5).contains(noRegression) { throw ValidationError("--no-regression takes an alpha between 0.0001 and 0.5, got \(noRegression)") }
        _ = try recallGates
        if variant.count == 1 { throw ValidationError("--variant needs at least two variants to compare") }
        if Set(variant.map(\.name)).count != variant.count { throw ValidationError("--variant names must be unique") }
        if repeats < 1 { throw ValidationError("--repeat must be at least 1") }
        if !variant.isEmpty && ![.text, .markdown, .json, .html].contains(format) {
            throw ValidationError("--variant prints comparisons, in text, markdown, json or html; for \(format.rawValue), render the stored runs: `report RUN --format \(format.rawValue)`")
        }
        if let maxFalseEscalations, maxFalseEscalations < 0 { throw ValidationError("--max-false-escalations must be at least 0") }
        if let maxInjectionChanges, maxInjectionChanges < 0 { throw ValidationError("--max-injection-changes must be at least 0") }
        if let minHealth, !(0...100).contains(minHealth) { throw ValidationError("--min-health must be between 0 and 100, got \(minHealth)") }
    }

    /// `--min-field FIELD=SHARE` values.
    var fieldGates: [ScoredField: Double] {
        get throws {
            try shares(minField, flag: "--min-field", key: "FIELD").reduce(into: [:]) { gates, item in
                guard let field = ScoredField(rawValue: item.key) else {
                    throw ValidationError("--min-field: unknown field \"\(item.key)\"; expected one of: \(ScoredField.names.joined(separator: ", "))")
                }
                gates[field] = item.share
            }
        }
    }

    /// `--min-recall CATEGORY=SHARE` values; the categories are checked against the taxonomy once it is loaded.
    var recallGates: [String: Double] {
        get throws { Dictionary(try shares(minRecall, flag: "--min-recall", key: "CATEGORY"), uniquingKeysWith: { _, last in last }) }
    }

    /// Reads `KEY=SHARE` items with a share between 0 and 1.
    func shares(_ items: [String], flag: String, key: String) throws -> [(key: String, share: Double)] {
        try items.map { item in
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let value = Double(parts[1]), (0...1).contains(value) else {
                throw ValidationError("\(flag) expects \(key)=SHARE with a share between 0 and 1, got \"\(item)\"")
            }
            return (parts[0], value)
        }
    }

    /// What the flags ask for.
    var configuration: RunConfiguration {
        get throws {
            var engine = EngineOptions(model: model, judge: judge, embedding: embeddingModel,
                                       cacheMode: replay ? .replayOnly : (noCache ? .bypass : .readWrite))
            engine.modelReplies = replies == .model
            var gates = GateSet(accuracy: minAccuracy, fields: try fieldGates, categoryRecall: try recallGates, alwaysRecall: minAlwaysRecall,
                                maxFalseEscalations: maxFalseEscalations)
            gates.maxP95LatencyMs = maxP95LatencyMs
            gates.maxEscalationRate = maxEscalationRate
            gates.maxCostUSD = maxCost
            gates.noRegressionAlpha = noRegression
            gates.maxInjectionChanges = maxInjectionChanges
            gates.minHealth = minHealth
            var configuration = RunConfiguration(rules: files.rules, prompts: files.prompts, suitePaths: paths.isEmpty ? ["scenarios"] : paths,
                                                 modelsFile: files.models, engine: engine, gates: gates)
            configuration.concurrency = concurrency
            configuration.repeats = repeats
            configuration.maxErrorRate = maxErrorRate
            configuration.logger = log.makeLogger()
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
        let evaluation = try prepare { try configuration.prepare(workspace: workspace, store: store) }
        let rubrics = evaluation.workspace.rubricAssertionCount
        if rubrics > 0 && judge == nil {
            printError("note: \(rubrics) rubric assertion\(rubrics == 1 ? "" : "s") will be skipped: no --judge model given")
        }
        let outcome: Evaluation.Outcome
        do {
            outcome = try await evaluation.run(store: store, cancellation: cancellation,
                                               progress: ProgressReporter(total: evaluation.workspace.scenarios.count * repeats))
        } catch {
            throw CommandFailure.incomplete("the run could not complete: \(error)")
        }
        try emit(outcome.report, store: store)
        if outcome.interruption == nil && outcome.report.errored > 0 {
            printError(ProgressReporter.resumeHint(run: outcome.runID, database: self.store.hintDatabase, errored: outcome.report.errored))
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
