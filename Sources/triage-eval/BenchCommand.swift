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
        print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores; load average \(Self.loadAverage()) (figures from a busy machine are low)")
        for figure in Benchmark.engine(workspace: workspace, tickets: tickets) {
            print(String(format: "%-20@ %8d tickets in %7.3f s = %8.0f tickets/s  (%8.0f per CPU-second)", figure.name as NSString, figure.count,
                         figure.seconds, figure.perSecond, figure.perCPUSecond))
        }
        let store = try Benchmark.store(workspace: workspace, results: results, path: scratchDB)
        print(String(format: "%-20@ %8d rows    in %7.3f s = %8.0f results/s  (%8.0f per CPU-second)", store.name as NSString, store.count,
                     store.seconds, store.perSecond, store.perCPUSecond))
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: scratchDB + suffix) }
    }

    static func loadAverage() -> String {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "unknown"
    }
}
