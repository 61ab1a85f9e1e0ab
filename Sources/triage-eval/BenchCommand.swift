import ArgumentParser
import Foundation
import TriageEval

/// `triage-eval bench`: throughput figures (build with -c release for meaningful numbers).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Print throughput of the engine (tickets/s) and the store (results/s). Use a release build.")

    @Argument(help: "Scenario files or directories whose tickets are cycled (default: scenarios).")
    var paths: [String] = []

    @OptionGroup var files: FileOptions

    @Option(name: .long, help: "Tickets to push through the engine.")
    var tickets = 100_000

    @Option(name: .long, help: "Result rows to write to a scratch store.")
    var results = 100_000

    @Option(name: .long, help: "Scratch database for the store benchmark (deleted first).")
    var scratchDB = NSTemporaryDirectory() + "triage-eval-bench.sqlite"

    func run() throws {
        let workspace = try loadWorkspace(files, paths: paths.isEmpty ? ["scenarios"] : paths)
        #if DEBUG
        printError("note: this is a debug build; build with `swift build -c release` for meaningful figures")
        #endif
        for figure in Benchmark.engine(workspace: workspace, tickets: tickets) {
            print(String(format: "%-26@ %9d tickets in %7.3f s = %10.0f tickets/s", figure.name as NSString, figure.count, figure.seconds, figure.perSecond))
        }
        let store = try Benchmark.store(workspace: workspace, results: results, path: scratchDB)
        print(String(format: "%-26@ %9d rows    in %7.3f s = %10.0f results/s", store.name as NSString, store.count, store.seconds, store.perSecond))
        try? FileManager.default.removeItem(atPath: scratchDB)
    }
}
