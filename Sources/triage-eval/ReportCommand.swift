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

    @Option(name: .long, help: "Report format: text, markdown or json.")
    var format: ReportFormat = .text

    func validate() throws {
        if runID != "latest" && Int64(runID) == nil { throw ValidationError("RUN_ID must be a run number or \"latest\", got \"\(runID)\"") }
    }

    func run() throws {
        guard FileManager.default.fileExists(atPath: store.db) else {
            printError("triage-eval: no store at \(store.db); run `triage-eval run` first or pass --db")
            throw ExitCode(ExitStatus.invalidInput.rawValue)
        }
        let database = try openStore(store)
        let id = runID == "latest" ? try database.latestRunID() : Int64(runID)
        guard let id, let stored = try database.run(id) else {
            printError("triage-eval: no run \(runID) in \(store.db)")
            throw ExitCode(ExitStatus.invalidInput.rawValue)
        }
        let report = RunReport.build(run: stored, results: try database.results(run: id, detail: .summary),
                                     calls: try database.calls(run: id))
        FileHandle.standardOutput.write(Data(try report.render(format).utf8))
        if !report.gatesPassed { throw ExitCode(ExitStatus.gateFailed.rawValue) }
    }
}
