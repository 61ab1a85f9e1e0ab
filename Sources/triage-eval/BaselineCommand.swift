import ArgumentParser
import Foundation
import TriageEval

/// `triage-eval baseline set RUN` / `baseline list`: approve the runs drift and regression gates compare with.
struct BaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "baseline", abstract: "Approve or list per-suite baselines.",
                                                    subcommands: [Set.self, List.self])

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: "Approve a completed run as the baseline of its suites.")

        @Argument(help: "The run id, or latest.")
        var runID: String

        @Option(name: .long, help: "Only this suite (default: every suite of the run).")
        var suite: [String] = []

        @OptionGroup var store: StoreOptions

        func run() throws {
            let database = try openExistingStore(store)
            let id = runID == "latest" ? try database.latestRunID() : Int64(runID)
            guard let id, let run = try database.run(id) else {
                printError("triage-eval: no run \(runID) in \(store.db)")
                throw ExitCode(ExitStatus.invalidInput.rawValue)
            }
            guard run.status == .completed else {
                printError("triage-eval: run #\(id) is \(run.status.rawValue); only a completed run can be a baseline")
                throw ExitCode(ExitStatus.invalidInput.rawValue)
            }
            let suites = suite.isEmpty ? run.suites : suite
            for name in suites {
                guard run.suites.contains(name) else {
                    printError("triage-eval: run #\(id) has no suite \"\(name)\"; it has: \(run.suites.joined(separator: ", "))")
                    throw ExitCode(ExitStatus.invalidInput.rawValue)
                }
                try database.setBaseline(suite: name, run: id)
                print("baseline of \(name): run #\(id)")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List baselines.")

        @OptionGroup var store: StoreOptions

        func run() throws {
            let database = try openExistingStore(store)
            let formatter = ISO8601DateFormatter()
            for baseline in try database.baselines() {
                print("\(baseline.suite): run #\(baseline.run) (set \(formatter.string(from: baseline.setAt)))")
            }
        }
    }
}

/// `triage-eval drift [SUITE]`: the latest run against the baseline and the history.
struct DriftCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "drift",
        abstract: "Compare a suite's latest run with its baseline and history: trend, flips, label shift (PSI, JS), attribution, flakiness.")

    @Argument(help: "The suite (default: every suite with a baseline, or of the latest run).")
    var suite: String?

    @OptionGroup var store: StoreOptions

    @Option(name: .long, help: "Output format: text, markdown, json or html (html: one page with the latest run and every suite's trend).")
    var format: ReportFormat = .text

    @Option(name: .long, help: "How many completed runs the history shows.")
    var history = 20

    @Flag(name: .long, help: "Exit 1 when the latest run is significantly worse than the baseline.")
    var failOnRegression = false

    func validate() throws {
        try validateAcrossRuns(format, command: "drift")
    }

    func run() throws {
        let database = try openExistingStore(store)
        var suites: [String]
        if let suite { suites = [suite] } else {
            suites = try database.baselines().map(\.suite)
            if suites.isEmpty, let latest = try database.latestRunID(), let run = try database.run(latest) { suites = run.suites }
        }
        var worse = false
        var reports: [DriftReport] = []
        for name in suites {
            guard let report = try DriftReport.build(store: database, suite: name, history: history) else {
                printError("triage-eval: no completed run of suite \"\(name)\" in \(store.db)")
                throw ExitCode(ExitStatus.invalidInput.rawValue)
            }
            if format != .html { FileHandle.standardOutput.write(Data(try report.render(format).utf8)) }
            reports.append(report)
            if report.baseline != nil && report.comparison?.verdict.outcome == "worse" { worse = true }
        }
        // One page: the first suite's latest run, every suite's trend, the first suite's comparison with its baseline.
        if format == .html, let first = reports.first, let run = try database.report(run: first.latest.id) {
            FileHandle.standardOutput.write(Data(HTMLReport(run: run, drift: reports, comparison: first.comparison).render().utf8))
        }
        if failOnRegression && worse { throw ExitCode(ExitStatus.gateFailed.rawValue) }
    }
}
