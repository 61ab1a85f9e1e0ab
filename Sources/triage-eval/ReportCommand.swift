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
        guard let input = try groupFailures({ try Comparison.Input.load(runID, from: database) }) else { throw CommandFailure.noRun(runID, in: store.db) }
        let report = try RunReport.build(input: input, store: database)
        let text = format == .html ? try HTMLReport.build(for: report, store: database, candidate: input).render() : try report.render(format)
        try emitReport(text, output: output)
        if !report.gatesPassed { throw ExitCode(ExitStatus.gateFailed.rawValue) }
    }
}
