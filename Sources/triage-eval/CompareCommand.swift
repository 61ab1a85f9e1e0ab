import ArgumentParser
import Foundation
import TriageEval

/// `triage-eval compare RUN_A RUN_B`: paired statistics on the scenarios two runs share.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two stored runs on their shared scenarios (Wilson, Tango score interval, McNemar score test, Holm).")

    @Argument(help: "Run A (the reference): a run id, latest, or group:NAME.", transform: RunReference.argument)
    var runA: RunReference

    @Argument(help: "Run B (the candidate): a run id, latest, or group:NAME.", transform: RunReference.argument)
    var runB: RunReference

    @OptionGroup var store: StoreOptions

    @Option(name: .long, help: "Output format: text, markdown, json or html (html: run B's summary with the comparison and its flips).")
    var format: ReportFormat = .text

    @Option(name: .long, help: "Also write the comparison to this file.")
    var output: String?

    @Option(name: .long, help: "Compare only this suite.")
    var suite: String?

    @Option(name: .long, help: "Significance level of the verdict.")
    var alpha = 0.05

    @Option(name: .long, help: "Bootstrap seed (same seed, same interval).")
    var seed: UInt64 = 42

    @Flag(name: .long, help: "Exit 1 when B is significantly worse than A.")
    var failOnRegression = false

    func validate() throws {
        if !(0.0001...0.5).contains(alpha) { throw ValidationError("--alpha must be between 0.0001 and 0.5, got \(alpha)") }
        try validateAcrossRuns(format, command: "compare")
    }

    func run() throws {
        let database = try openExistingStore(store)
        guard let inputA = try groupFailures({ try Comparison.Input.load(runA, from: database) }) else { throw CommandFailure.noRun(runA, in: store.db) }
        guard let inputB = try groupFailures({ try Comparison.Input.load(runB, from: database) }) else { throw CommandFailure.noRun(runB, in: store.db) }
        let comparison = Comparison.build(a: inputA, b: inputB, alpha: alpha, seed: seed, suite: suite)
        if format == .html {
            let report = try RunReport.build(input: inputB, store: database)
            try emitReport(HTMLReport(run: report, comparison: comparison).render(), output: output)
        } else {
            try emitReport(try comparison.render(format), output: output)
        }
        if failOnRegression && comparison.verdict.outcome == .worse {
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
    let location = try options.location()
    guard location.exists else {
        throw CommandFailure.invalidInput("no store at \(location); run `triage-eval run` first or pass --db")
    }
    return try openStore(options)
}
