import ArgumentParser
import Foundation
import TriageEngine
import TriageEval

/// `triage-eval resume RUN_ID`: continue an interrupted run, or one that ended with errored scenarios, in
/// place with the configuration stored with it.
struct ResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Continue a run in place: run only its scenarios with no result or an errored one.",
        discussion: """
            Uses the files, models and settings stored with the run; refuses (exit 2) when a rule, prompt, suite or \
            model file changed since the run started, unless --allow-changed. Finished model calls are answered from \
            the response cache, never sent again.
            """)

    @Argument(help: "The run id (see `triage-eval runs`).")
    var runID: Int64

    @OptionGroup var store: StoreOptions
    @OptionGroup var log: LogOptions

    @Flag(name: .long, help: "Resume even when files changed since the run started (results then mix both versions).")
    var allowChanged = false

    @Option(name: .long, help: "Report format: text, markdown, json, junit, csv or html (machine formats go to standard output).")
    var format: ReportFormat = .text

    @Option(name: .long, help: "Also write the report to this file.")
    var output: String?

    func run() async throws {
        let store = try openStore(self.store)
        let resumption: Resumption
        do {
            resumption = try Resumption.prepare(run: runID, store: store, allowChanged: allowChanged, logger: log.makeLogger())
        } catch let errors as LoadErrors {
            printError(errors.description)
            printError("\(errors.errors.count) error\(errors.errors.count == 1 ? "" : "s"); run #\(runID) was not resumed.")
            throw ExitCode(ExitStatus.invalidInput.rawValue)
        } catch let error as EvaluationError where !error.isInvalidInput {
            printError("triage-eval: \(error)")
            throw ExitCode(ExitStatus.incomplete.rawValue)
        } catch {
            printError("triage-eval: \(error)")
            throw ExitCode(ExitStatus.invalidInput.rawValue)
        }
        for change in resumption.changes { printError("warning: \(change)") }
        printError("triage-eval: resuming run #\(runID): \(resumption.jobs.count) of \(resumption.run.plannedResults) scenario runs left")
        let flag = CancellationFlag()
        let trap = SignalTrap(flag: flag, onSignal: announceSignal)
        let outcome: Evaluation.Outcome
        do {
            outcome = try await resumption.run(store: store, cancellation: flag, progress: ProgressReporter(total: resumption.jobs.count))
        } catch let error as EvaluationError where error.isInvalidInput {
            // Another process resumed it first.
            printError("triage-eval: \(error)")
            throw ExitCode(ExitStatus.invalidInput.rawValue)
        } catch {
            printError("triage-eval: the run could not complete: \(error)")
            throw ExitCode(ExitStatus.incomplete.rawValue)
        }
        _ = trap
        let report = outcome.report
        try emitReport(format == .html ? try HTMLReport.build(for: report, store: store).render() : try report.render(format), output: output)
        if outcome.interruption == nil && report.errored > 0 {
            printError(ProgressReporter.resumeHint(run: runID, database: self.store.hintDatabase, errored: report.errored))
        }
        try resumption.configuration.runConfiguration.verdict(for: outcome).conclude(run: outcome, database: self.store.hintDatabase)
    }
}

extension StoreOptions {
    /// The `--db` argument to repeat in hints, or nil when none was given (the default or `TRIAGE_EVAL_DB`).
    var hintDatabase: String? {
        database == StoreLocation.defaultPath ? nil : database
    }
}
