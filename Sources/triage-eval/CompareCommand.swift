import ArgumentParser
import Foundation
import TriageEval

/// `triage-eval compare RUN_A RUN_B`: paired statistics on the scenarios two runs share.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two stored runs on their shared scenarios (Wilson, paired bootstrap, McNemar exact).")

    @Argument(help: "Run A (the reference): a run id, or latest.")
    var runA: String

    @Argument(help: "Run B (the candidate): a run id, or latest.")
    var runB: String

    @OptionGroup var store: StoreOptions

    @Option(name: .long, help: "Output format: text, markdown, json or html (html: run B's summary with the comparison and its flips).")
    var format: ReportFormat = .text

    @Option(name: .long, help: "Compare only this suite.")
    var suite: String?

    @Option(name: .long, help: "Significance level of the verdict.")
    var alpha = 0.05

    @Option(name: .long, help: "Bootstrap seed (same seed, same interval).")
    var seed: UInt64 = 42

    @Flag(name: .long, help: "Exit 1 when B is significantly worse than A.")
    var failOnRegression = false

    func validate() throws {
        for run in [runA, runB] where run != "latest" && Int64(run) == nil {
            throw ValidationError("a run must be a run number or \"latest\", got \"\(run)\"")
        }
        if !(0.0001...0.5).contains(alpha) { throw ValidationError("--alpha must be between 0.0001 and 0.5, got \(alpha)") }
        try validateAcrossRuns(format, command: "compare")
    }

    func run() throws {
        let database = try openExistingStore(store)
        let inputA = try loadRun(runA, database)
        let inputB = try loadRun(runB, database)
        let comparison = Comparison.build(a: inputA, b: inputB, alpha: alpha, seed: seed, suite: suite)
        if format == .html {
            guard let report = try RunReport.build(run: inputB.run.id, store: database) else { throw ExitCode(ExitStatus.invalidInput.rawValue) }
            FileHandle.standardOutput.write(Data(HTMLReport(run: report, comparison: comparison).render().utf8))
        } else {
            FileHandle.standardOutput.write(Data(try comparison.render(format).utf8))
        }
        if failOnRegression && comparison.verdict.outcome == "worse" {
            printError("regression: " + comparison.verdict.text)
            throw ExitCode(ExitStatus.gateFailed.rawValue)
        }
    }
}

/// Rejects the formats that list one run's scenarios (JUnit, CSV) for a report across runs (exit 2).
func validateAcrossRuns(_ format: ReportFormat, command: String) throws {
    guard !ReportFormat.acrossRuns.contains(format) else { return }
    throw ValidationError(UnsupportedReportFormat(report: command, format: format, supported: ReportFormat.acrossRuns,
                                                  hint: "\(format.rawValue) lists one run's scenarios: use `report RUN --format \(format.rawValue)`").description)
}

/// Opens a store that must already exist (exit 2 otherwise).
func openExistingStore(_ options: StoreOptions) throws -> any RunStore {
    guard FileManager.default.fileExists(atPath: options.db) else {
        printError("triage-eval: no store at \(options.db); run `triage-eval run` first or pass --db")
        throw ExitCode(ExitStatus.invalidInput.rawValue)
    }
    return try openStore(options)
}

/// Loads a run's results and calls for comparison (exit 2 when it does not exist).
func loadRun(_ reference: String, _ database: any RunStore, name: String? = nil) throws -> Comparison.Input {
    let id = reference == "latest" ? try database.latestRunID() : Int64(reference)
    guard let id, let run = try database.run(id) else {
        printError("triage-eval: no run \(reference) in \(database.location)")
        throw ExitCode(ExitStatus.invalidInput.rawValue)
    }
    return Comparison.Input(run: run, results: try database.results(run: id, detail: .summary), calls: try database.calls(run: id), name: name)
}
