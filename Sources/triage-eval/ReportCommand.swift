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
        // Streamed to standard output when nothing else is written (a single run's JSON then never sits in memory).
        let destination: StoredReport.Destination = output == nil ? .stream { FileHandle.standardOutput.write(Data($0)) } : .text
        guard let rendered = try groupFailures({ try StoredReport.render(runID, store: database, format: format, to: destination) }) else {
            throw CommandFailure.noRun(runID, in: store.db)
        }
        if let text = rendered.text { try emitReport(text, output: output) }
        if !rendered.gatesPassed { throw ExitCode(ExitStatus.gateFailed.rawValue) }
    }
}
