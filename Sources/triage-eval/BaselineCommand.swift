import ArgumentParser
import Foundation
import TriageEval

/// `triage-eval baseline set RUN` / `baseline list`: approve the runs drift and regression gates compare with.
struct BaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "baseline", abstract: "Approve or list per-suite baselines.",
                                                    subcommands: [Set.self, List.self])

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: "Approve a completed run as the baseline of its suites.")

        @Argument(help: "The run id, latest, or group:NAME.", transform: RunReference.argument)
        var runID: RunReference

        @Option(name: .long, help: "Only this suite (default: every suite of the run).")
        var suite: [String] = []

        @OptionGroup var store: StoreOptions

        @Flag(name: .long, help: "Approve a partial run (one started with --filter, --tag, --limit, --sample or --failed-from that left scenarios out).")
        var force = false

        func run() throws {
            let database = try openExistingStore(store)
            guard let run = try groupFailures({ try database.run(runID) }) else { throw CommandFailure.noRun(runID, in: store.db) }
            // A group is approved through its representative shard, which stands for the whole group as a baseline.
            let name = if case .group = runID { "\(runID) (run #\(run.id))" } else { "run #\(run.id)" }
            if let shard = run.shard {
                throw CommandFailure.invalidInput("run #\(run.id) is shard \(shard.slice) of group \(shard.group); approve the whole group: `baseline set group:\(shard.group)`")
            }
            guard run.status == .completed else {
                throw CommandFailure.invalidInput("\(name) is \(run.status.rawValue); only a completed run can be a baseline")
            }
            if let selection = run.selection, selection.isPartial, !force {
                throw CommandFailure.invalidInput("\(name) is \(selection.summary); a baseline should cover every scenario of its suites: pass --force to approve it anyway")
            }
            for suiteName in suite.isEmpty ? run.suites : suite {
                guard run.suites.contains(suiteName) else {
                    throw CommandFailure.invalidInput("\(name) has no suite \"\(suiteName)\"; it has: \(run.suites.joined(separator: ", "))")
                }
                try database.setBaseline(suite: suiteName, run: run.id)
                print("baseline of \(suiteName): \(name)" + (run.isPartial ? " (\(run.selection!.summary))" : ""))
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
