import ArgumentParser
import Foundation
import TriageEngine
import TriageEval

/// `triage-eval run`: evaluate suites through the engine, store the run, print the report, gate.
/// Where replies come from in a model run.
enum ReplySource: String, ExpressibleByArgument, CaseIterable {
    case model, templates
}

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

    @Option(name: .long, help: "Exit 3 when the share of errored scenarios exceeds this.")
    var maxErrorRate: Double?

    @Option(name: .long, help: "Fail when the p95 scenario latency exceeds this many milliseconds.")
    var maxP95LatencyMs: Double?

    @Option(name: .long, help: "Fail when the model under test costs more than this many US dollars.")
    var maxCost: Double?

    @Option(name: .long, help: "Fail only on a significant drop against each suite's baseline (McNemar exact at this alpha, e.g. 0.05).")
    var noRegression: Double?

    @Option(name: .long, help: "Fail when a category's recall is below a share, as CATEGORY=SHARE (repeatable).")
    var minRecall: [String] = []

    @Option(name: .long, parsing: .singleValue,
            help: ArgumentHelp("Run the suites under several variants and compare them pairwise (repeatable).", valueName: "NAME=SPEC"))
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
        for (name, value) in [("--min-accuracy", minAccuracy), ("--min-always-recall", minAlwaysRecall), ("--max-error-rate", maxErrorRate)] {
            if let value, !(0...1).contains(value) { throw ValidationError("\(name) must be between 0 and 1, got \(value)") }
        }
        _ = try fieldGates()
        if concurrency < 1 { throw ValidationError("--concurrency must be at least 1") }
        if noCache && replay { throw ValidationError("--no-cache and --replay exclude each other: replay answers only from the cache") }
        if let noRegression, !(0.0001...0.5).contains(noRegression) { throw ValidationError("--no-regression takes an alpha between 0.0001 and 0.5, got \(noRegression)") }
        _ = try recallGates()
        if variant.count == 1 { throw ValidationError("--variant needs at least two variants to compare") }
        if Set(variant.map(\.name)).count != variant.count { throw ValidationError("--variant names must be unique") }
        if repeats < 1 { throw ValidationError("--repeat must be at least 1") }
        if !variant.isEmpty && ![.text, .markdown, .json].contains(format) {
            throw ValidationError("--variant prints comparisons, in text, markdown or json; for \(format.rawValue), render the stored runs: `report RUN --format \(format.rawValue)`"
                                  + (format == .html ? " or `compare A B --format html`" : ""))
        }
        if let maxFalseEscalations, maxFalseEscalations < 0 { throw ValidationError("--max-false-escalations must be at least 0") }
    }

    func fieldGates() throws -> [String: Double] {
        var gates: [String: Double] = [:]
        let allowed = Expectation.fields + ["reply"]
        for item in minField {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let value = Double(parts[1]), (0...1).contains(value) else {
                throw ValidationError("--min-field expects FIELD=SHARE with a share between 0 and 1, got \"\(item)\"")
            }
            guard allowed.contains(parts[0]) else {
                throw ValidationError("--min-field: unknown field \"\(parts[0])\"; expected one of: \(allowed.joined(separator: ", "))")
            }
            gates[parts[0]] = value
        }
        return gates
    }

    func recallGates() throws -> [String: Double] {
        var gates: [String: Double] = [:]
        for item in minRecall {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let value = Double(parts[1]), (0...1).contains(value) else {
                throw ValidationError("--min-recall expects CATEGORY=SHARE with a share between 0 and 1, got \"\(item)\"")
            }
            gates[parts[0]] = value
        }
        return gates
    }

    /// The engine options the flags ask for, with a model and reply source (a variant's, or the flags').
    func engineOptions(model: String?, replies: ReplySource) -> EngineOptions {
        var options = EngineOptions(model: model, judge: judge, embedding: embeddingModel,
                                    cacheMode: replay ? .replayOnly : (noCache ? .bypass : .readWrite))
        options.modelReplies = replies == .model
        return options
    }

    var commandLineGates: GateSet {
        get throws {
            var gates = GateSet(accuracy: minAccuracy, fields: try fieldGates(), categoryRecall: try recallGates(), alwaysRecall: minAlwaysRecall,
                                maxFalseEscalations: maxFalseEscalations)
            gates.maxP95LatencyMs = maxP95LatencyMs
            gates.maxCostUSD = maxCost
            gates.noRegressionAlpha = noRegression
            return gates
        }
    }

    func run() async throws {
        if !variant.isEmpty { return try await runVariants() }
        log.bootstrap()
        let workspace = try loadWorkspace(files, paths: paths.isEmpty ? ["scenarios"] : paths)
        let store = try openStore(self.store)
        var engine: Engine
        do {
            engine = try Engine.make(workspace: workspace, options: engineOptions(model: model, replies: replies), store: store)
        } catch {
            printError("triage-eval: \(error)")
            throw ExitCode(ExitStatus.invalidInput.rawValue)
        }
        engine.description.settings["concurrency"] = String(concurrency)
        engine.description.settings["repeat"] = String(repeats)
        let rubrics = workspace.scenarios.reduce(0) { $0 + $1.reply.filter { if case .rubric = $0 { return true } else { return false } }.count }
        if rubrics > 0 && judge == nil {
            printError("note: \(rubrics) rubric assertion\(rubrics == 1 ? "" : "s") will be skipped: no --judge model given")
        }
        let gates = try commandLineGates
        let evaluation = Evaluation(workspace: workspace, engine: engine, gates: gates, concurrency: concurrency, repeats: repeats)
        let flag = CancellationFlag()
        let trap = SignalTrap(flag: flag)
        let outcome: Evaluation.Outcome
        do {
            outcome = try await evaluation.run(store: store, cancellation: flag,
                                               progress: ProgressReporter(total: workspace.scenarios.count * repeats))
        } catch {
            printError("triage-eval: the run could not complete: \(error)")
            throw ExitCode(ExitStatus.incomplete.rawValue)
        }
        _ = trap
        try emit(outcome.report, store: store)
        if let interruption = outcome.interruption {
            printError("triage-eval: run #\(outcome.runID) interrupted (\(interruption)); stored as interrupted with \(outcome.report.scenarioCount) results.")
            throw ExitCode(ExitStatus.incomplete.rawValue)
        }
        try finish(outcome.report)
    }

    func emit(_ report: RunReport, store: any RunStore) throws {
        let text = format == .html ? try HTMLReport.build(for: report, store: store).render() : try report.render(format)
        FileHandle.standardOutput.write(Data(text.utf8))
        if let output {
            do { try text.write(toFile: output, atomically: true, encoding: .utf8) } catch {
                printError("triage-eval: cannot write \(output): \(error.localizedDescription)")
                throw ExitCode(ExitStatus.incomplete.rawValue)
            }
        }
    }

    func finish(_ report: RunReport) throws {
        if replay {
            let misses = report.results.filter { $0.error?.contains("(replay mode") == true }
            if !misses.isEmpty {
                printError("triage-eval: --replay: \(misses.count) scenario\(misses.count == 1 ? "" : "s") had no recorded response (first: \(misses[0].suite)/\(misses[0].id)); run once without --replay to record them")
                throw ExitCode(ExitStatus.incomplete.rawValue)
            }
        }
        if let maxErrorRate, report.scenarioCount > 0, Double(report.errored) / Double(report.scenarioCount) > maxErrorRate {
            printError(String(format: "triage-eval: error rate %.3f exceeds --max-error-rate %.3f", Double(report.errored) / Double(report.scenarioCount), maxErrorRate))
            throw ExitCode(ExitStatus.incomplete.rawValue)
        }
        let failed = report.gates.filter { !$0.passed }
        if !failed.isEmpty {
            for gate in failed { printError("gate failed: " + gate.summary) }
            throw ExitCode(ExitStatus.gateFailed.rawValue)
        }
    }
}
