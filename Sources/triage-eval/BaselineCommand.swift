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
