import ArgumentParser
import Foundation
import TriageEval

/// `triage-eval report`: re-render a stored run.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Re-render the report of a stored run (RUN_ID or \"latest\"), with its gates.")

    @Argument(help: "The run id, or latest.", transform: RunReference.argument)
    var runID = RunReference.latest

    @OptionGroup var store: StoreOptions

    @Option(name: .long, help: "Report format: text, markdown, json, junit, csv or html (html adds the suites' drift and the baseline comparison from the store).")
    var format: ReportFormat = .text

    @Option(name: .long, help: "Also write the report to this file.")
    var output: String?

    func run() throws {
        let database = try openExistingStore(store)
        guard let report = try RunReport.build(runID, store: database) else { throw CommandFailure.noRun(runID, in: database.location) }
        let text = format == .html ? try HTMLReport.build(for: report, store: database).render() : try report.render(format)
        try emitReport(text, output: output)
        if !report.gatesPassed { throw ExitCode(ExitStatus.gateFailed.rawValue) }
    }
}
