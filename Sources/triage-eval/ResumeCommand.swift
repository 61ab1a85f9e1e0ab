import ArgumentParser
import Foundation
import TriageEngine
import TriageEval

/// `triage-eval resume RUN_ID|group:NAME`: continue an interrupted run, or one that ended with errored
/// scenarios, in place with the configuration stored with it; for a group, every shard that needs it.
struct ResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Continue a run in place: run only its scenarios with no result or an errored one.",
        discussion: """
            Uses the files, models and settings stored with the run; refuses (exit 2) when a rule, prompt, suite or \
            model file changed since the run started, unless --allow-changed. Finished model calls are answered from \
            the response cache, never sent again. With group:NAME, resumes one after the other every shard of the \
            group that was interrupted or has errored scenarios (shards still running are left alone), then prints \
            the merged group's report; a shard with no run at all cannot be resumed and exits 3.
            """)

    @Argument(help: "The run id (see `triage-eval runs`), or group:NAME.", transform: ResumeCommand.target)
    var runID: RunReference

    @OptionGroup var store: StoreOptions
    @OptionGroup var log: LogOptions

    @Flag(name: .long, help: "Resume even when files changed since the run started (results then mix both versions).")
    var allowChanged = false

    @Option(name: .long, help: "Report format: text, markdown, json, junit, csv or html (machine formats go to standard output).")
    var format: ReportFormat = .text

    @Option(name: .long, help: "Also write the report to this file.")
    var output: String?

    static func target(_ text: String) throws -> RunReference {
        guard let reference = RunReference(text), reference != .latest else { throw ValidationError("expected a run number or \"group:NAME\"") }
        return reference
    }

    func run() async throws {
        let store = try openStore(self.store)
        switch runID {
        case .id(let id):
            let (resumption, outcome) = try await resume(id, store: store)
            let report = outcome.report
            try emitReport(format == .html ? try HTMLReport.build(for: report, store: store).render() : try report.render(format), output: output)
            if outcome.interruption == nil && report.errored > 0 {
                printError(ProgressReporter.resumeHint(run: id, database: self.store.hintDatabase, errored: report.errored))
            }
            var configuration = resumption.configuration.runConfiguration
            configuration.shard = resumption.run.shard
            try configuration.verdict(for: outcome).conclude(run: outcome, database: self.store.hintDatabase)
        case .group(let name):
            try await resumeGroup(name, store: store)
        case .latest:
            throw CommandFailure.invalidInput("resume takes a run number or group:NAME")
        }
    }

    /// Resumes every shard of a group that needs it, then prints the merged report and judges it as `gate` does
    /// without flags; exits 3 while a shard has no run, is running or stays interrupted.
    func resumeGroup(_ name: String, store: any RunStore) async throws {
        try store.markStaleRuns()
        guard let group = try groupFailures({ try RunGroup.load(name, from: store) }) else { throw CommandFailure.noRun(runID, in: self.store.db) }
        for shard in group.orderedShards where shard.status != .running {
            if shard.status == .completed, try store.results(run: shard.id, detail: .summary).allSatisfy({ $0.status != .errored }) { continue }
            let (_, outcome) = try await resume(shard.id, store: store)
            printError("triage-eval: shard \(shard.shard?.slice.description ?? "?") (run #\(shard.id)): \(outcome.status.rawValue), \(outcome.report.scenarioCount) results")
            if let why = outcome.interruption { throw CommandFailure.incomplete("run #\(shard.id) interrupted (\(why)); resume group:\(name) again") }
        }
        guard let merged = try groupFailures({ try RunGroup.load(name, from: store) }) else { throw CommandFailure.noRun(runID, in: self.store.db) }
        let input = try merged.input(from: store)
        let report = try RunReport.build(input: input, store: store)
        try emitReport(format == .html ? try HTMLReport.build(for: report, store: store, candidate: input).render() : try report.render(format), output: output)
        guard merged.isComplete else {
            let waiting = GroupError.incomplete(group: name, missing: merged.missing, running: merged.running.map { "\($0.shard?.slice.index ?? 0) (run #\($0.id))" },
                                                interrupted: merged.interrupted.map { "\($0.shard?.slice.index ?? 0) (run #\($0.id))" }, waited: "0s")
            throw CommandFailure(groupError: waiting)
        }
        let maxErrorRate = try store.configuration(run: merged.representative.id)?.maxErrorRate
        switch GroupGate.verdict(for: report, maxErrorRate: maxErrorRate) {
        case .errorRateExceeded(let rate, let limit, let byDefault):
            throw CommandFailure.incomplete(String(format: "error rate %.3f (%d of %d scenario runs errored) exceeds --max-error-rate %.3f%@",
                                                   rate, report.errored, report.scenarioCount, limit, byDefault ? " (the default)" : ""))
        case .gatesFailed(let gates):
            throw CommandFailure(message: gates.map { "gate failed: " + $0.summary }.joined(separator: "\n"), status: .gateFailed)
        default:
            return
        }
    }

    /// Prepares and runs what is left of one run, with its messages and exit statuses on failure.
    func resume(_ id: Int64, store: any RunStore) async throws -> (Resumption, Evaluation.Outcome) {
        let resumption: Resumption
        do {
            resumption = try Resumption.prepare(run: id, store: store, allowChanged: allowChanged, logger: log.makeLogger())
        } catch let errors as LoadErrors {
            printError(errors.description)
            printError("\(errors.errors.count) error\(errors.errors.count == 1 ? "" : "s"); run #\(id) was not resumed.")
            throw ExitCode(ExitStatus.invalidInput.rawValue)
        } catch let error as EvaluationError where !error.isInvalidInput {
            printError("triage-eval: \(error)")
            throw ExitCode(ExitStatus.incomplete.rawValue)
        } catch {
            printError("triage-eval: \(error)")
            throw ExitCode(ExitStatus.invalidInput.rawValue)
        }
        for change in resumption.changes { printError("warning: \(change)") }
        printError("triage-eval: resuming run #\(id): \(resumption.jobs.count) of \(resumption.run.plannedResults) scenario runs left")
        let flag = CancellationFlag()
        let trap = SignalTrap(flag: flag, onSignal: announceSignal)
        defer { withExtendedLifetime(trap) {} }
        do {
            return (resumption, try await resumption.run(store: store, cancellation: flag, progress: ProgressReporter(total: resumption.jobs.count)))
        } catch let error as EvaluationError where error.isInvalidInput {
            // Another process resumed it first.
            printError("triage-eval: \(error)")
            throw ExitCode(ExitStatus.invalidInput.rawValue)
        } catch {
            printError("triage-eval: the run could not complete: \(error)")
            throw ExitCode(ExitStatus.incomplete.rawValue)
        }
    }
}

extension StoreOptions {
    /// The `--db` argument to repeat in hints, or nil when none was given (the default or `TRIAGE_EVAL_DB`).
    var hintDatabase: String? {
        database == StoreLocation.defaultPath ? nil : database
    }
}
