import ArgumentParser
import Foundation
import TriageEval

/// `triage-eval report`: re-render a stored run.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Re-render the report of a stored run (RUN_ID, \"latest\" or group:NAME for a group's shards merged), with its gates.")

    @Argument(help: "The run id, latest, or group:NAME.", transform: RunReference.argument)
    var runID = RunReference.latest

    @OptionGroup var store: StoreOptions

    @Option(name: .long, help: "Report format: text, markdown, json, junit, csv or html (html adds the suites' drift and the baseline comparison from the store).")
    var format: ReportFormat = .text

    @Option(name: .long, help: "Also write the report to this file.")
    var output: String?

    func run() throws {
        let database = try openExistingStore(store)
        var group = false
        if case .group = runID { group = true }
        if group && format == .html {
            // The HTML report's baseline comparison pairs the group's results in memory.
            guard let input = try groupFailures({ try Comparison.Input.load(runID, from: database) }) else { throw CommandFailure.noRun(runID, in: store.db) }
            let report = try RunReport.build(input: input, store: database)
            try emitReport(try HTMLReport.build(for: report, store: database, candidate: input).render(), output: output)
            if !report.gatesPassed { throw ExitCode(ExitStatus.gateFailed.rawValue) }
            return
        }
        if format == .json && output == nil && !group {
            // Streamed from a cursor over the store: a run's lines never sit in memory all at once.
            guard let id = try runID.resolve(in: database),
                  let report = try RunReport.streamJSON(run: id, store: database, to: { FileHandle.standardOutput.write(Data($0)) }) else {
                throw CommandFailure.noRun(runID, in: store.db)
            }
            if !report.gatesPassed { throw ExitCode(ExitStatus.gateFailed.rawValue) }
            return
        }
        // A group's shards are aggregated by the store as one run.
        guard let report = try groupFailures({ try RunReport.build(runID, store: database, lines: format.reportLines) }) else { throw CommandFailure.noRun(runID, in: store.db) }
        let text = format == .html ? try HTMLReport.build(for: report, store: database).render() : try report.render(format)
        try emitReport(text, output: output)
        if !report.gatesPassed { throw ExitCode(ExitStatus.gateFailed.rawValue) }
    }
}
