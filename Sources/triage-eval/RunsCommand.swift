import ArgumentParser
import Foundation
import TriageEval

/// `triage-eval runs`: list stored runs.
struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "runs", abstract: "List stored runs, newest first.")

    @OptionGroup var store: StoreOptions

    @Option(name: .long, help: "How many runs to list.")
    var limit = 20

    func run() throws {
        let database = try openExistingStore(store)
        try database.markStaleRuns()
        let formatter = ISO8601DateFormatter()
        print("id    status       started               results  engine            suites")
        for run in try database.runs(limit: limit) {
            let count = try database.resultCount(run: run.id)
            let engine = run.engine.model.map { "\(run.engine.classifier)[\($0)]" } ?? run.engine.classifier
            print(String(format: "%-5lld %-12@ %@  %7d  %-17@ %@", run.id, run.status.rawValue as NSString, formatter.string(from: run.startedAt) as NSString,
                         count, engine as NSString, run.suites.joined(separator: ",") as NSString)
                  + (run.shard.map { "  (shard \($0.slice) of group:\($0.group))" } ?? ""))
        }
    }
}
