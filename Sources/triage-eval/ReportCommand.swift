import ArgumentParser
import Foundation
import TriageEval

/// `triage-eval report`: re-render a stored run.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Re-render the report of a stored run (RUN_ID or \"latest\"), with its gates.")

    @Argument(help: "The run id, or latest.")
    var runID = "latest"

    @OptionGroup var store: StoreOptions

    @Option(name: .long, help: "Report format: text, markdown, json, junit, csv or html (html adds the suites' drift and the baseline comparison from the store).")
    var format: ReportFormat = .text

    func validate() throws {
        if runID != "latest" && Int64(runID) == nil { throw ValidationError("RUN_ID must be a run number or \"latest\", got \"\(runID)\"") }
    }

    func run() throws {
        let database = try openExistingStore(store)
        let id = runID == "latest" ? try database.latestRunID() : Int64(runID)
        guard let id, let report = try RunReport.build(run: id, store: database) else {
            printError("triage-eval: no run \(runID) in \(store.db)")
            throw ExitCode(ExitStatus.invalidInput.rawValue)
        }
        let text = format == .html ? try HTMLReport.build(for: report, store: database).render() : try report.render(format)
        FileHandle.standardOutput.write(Data(text.utf8))
        if !report.gatesPassed { throw ExitCode(ExitStatus.gateFailed.rawValue) }
    }
}
