import ArgumentParser
import Foundation
import TriageEval

/// `triage-eval drift [SUITE]`: the latest run against the baseline and the history.
struct DriftCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "drift",
        abstract: "Compare a suite's latest run with its baseline and history: trend, flips, label shift (PSI, JS), attribution, flakiness.")

    @Argument(help: "The suite (default: every suite with a baseline, or of the latest run).")
    var suite: String?

    @OptionGroup var store: StoreOptions

    @Option(name: .long, help: "Output format: text, markdown, json or html (html: one page with the latest run and every suite's trend).")
    var format: ReportFormat = .text

    @Option(name: .long, help: "Also write the report to this file.")
    var output: String?

    @Option(name: .long, help: "How many completed runs the history shows.")
    var history = 20

    @Flag(name: .long, help: "Exit 1 when the latest run is significantly worse than the baseline.")
    var failOnRegression = false

    func validate() throws {
        try validateAcrossRuns(format, command: "drift")
    }

    func run() throws {
        let database = try openExistingStore(store)
        let suites = try suite.map { [$0] } ?? DriftReport.defaultSuites(in: database)
        var worse = false
        var reports: [DriftReport] = []
        var text = ""
        for name in suites {
            guard let report = try DriftReport.build(store: database, suite: name, history: history) else {
                throw CommandFailure.invalidInput("no completed run of suite \"\(name)\" in \(database.location)")
            }
            if format != .html { text += try report.render(format) }
            reports.append(report)
            if report.baseline != nil && report.comparison?.verdict.outcome == .worse { worse = true }
        }
        // One page: the first suite's latest run, every suite's trend, the first suite's comparison with its baseline.
        if format == .html, let first = reports.first, let run = try RunReport.build(run: first.latest.id, store: database) {
            text = HTMLReport(run: run, drift: reports, comparison: first.comparison).render()
        }
        try emitReport(text, output: output)
        if failOnRegression && worse { throw ExitCode(ExitStatus.gateFailed.rawValue) }
    }
}
