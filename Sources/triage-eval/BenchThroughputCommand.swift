import ArgumentParser
import Foundation
import Logging
import TriageEval

/// `triage-eval bench [throughput]`: throughput figures (build with -c release for meaningful numbers).
struct BenchThroughputCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "throughput",
        abstract: "Print throughput of the engine (tickets/s) and the store (results/s). Use a release build.")

    @Argument(help: "Scenario files or directories whose tickets are cycled (default: scenarios).")
    var paths: [String] = []

    @OptionGroup var files: FileOptions

    @OptionGroup var log: LogOptions

    @Option(name: .long, help: "Tickets to push through the engine.")
    var tickets = 100_000

    @Option(name: .long, help: "Result rows to write to a scratch store.")
    var results = 100_000

    @Option(name: .long, help: "Stored results the report benchmark builds and renders a report from (0 skips it).")
    var reportResults = 1_000_000

    @Option(name: .long, help: "Scenarios for the model-run benchmark against a local stub server (0 skips it).")
    var modelScenarios = 1_000

    @Option(name: .long, help: "The stub server's answer latency in milliseconds.")
    var stubLatencyMs = 50

    @Option(name: .long, help: "Concurrency of the model-run benchmark.")
    var concurrency = 32

    @Option(name: .long, help: "Scratch database for the store benchmark (deleted first).")
    var scratchDB = NSTemporaryDirectory() + "triage-eval-bench.sqlite"

    @Option(name: .long, help: "Store the report benchmark fills with a run and reports on (default: the scratch database; the run stays there); a PostgreSQL URL (postgresql://user@host:port/dbname) also gets the store's write figures, whose scratch runs are deleted.")
    var db: String?

    func run() async throws {
        let workspace = try loadWorkspace(files, paths: paths.isEmpty ? ["scenarios"] : paths)
        #if DEBUG
        printError("note: this is a debug build; build with `swift build -c release` for meaningful figures")
        #endif
        print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores; load average \(Self.loadAverage()) (figures from a busy machine are low)")
        let logger = log.makeLogger()
        for figure in try Benchmark.engine(workspace: workspace, tickets: tickets) {
            print(String(format: "%-20@ %8d tickets in %7.3f s = %8.0f tickets/s  (%8.0f per CPU-second)", figure.name as NSString, figure.count,
                         figure.seconds, figure.perSecond, figure.perCPUSecond))
        }
        let store = try Benchmark.store(workspace: workspace, results: results, path: scratchDB)
        print(String(format: "%-20@ %8d rows    in %7.3f s = %8.0f results/s  (%8.0f per CPU-second)", store.name as NSString, store.count,
                     store.seconds, store.perSecond, store.perCPUSecond))
        for figure in try Benchmark.durableStore(workspace: workspace, results: results, path: scratchDB) {
            print(String(format: "%-20@ %8d rows    in %7.3f s = %8.0f results/s  (%8.0f per CPU-second)", figure.name as NSString, figure.count,
                         figure.seconds, figure.perSecond, figure.perCPUSecond))
        }
        Store.removeDatabase(at: scratchDB)
        if let db, PostgresURL.isPostgres(db) {
            let url: PostgresURL
            do { url = try PostgresURL(db) } catch { throw CommandFailure.invalidInput("--db \(error)") }
            let figures: [Benchmark.Figure]
            do { figures = try Benchmark.postgresStore(workspace: workspace, results: results, url: url) } catch {
                throw CommandFailure.incomplete("cannot benchmark the store \(url): \(error)")
            }
            for figure in figures {
                print(String(format: "%-20@ %8d rows    in %7.3f s = %8.0f results/s  (%8.0f per CPU-second)", figure.name as NSString, figure.count,
                             figure.seconds, figure.perSecond, figure.perCPUSecond))
            }
        }
        if reportResults > 0 { try await reportBenchmark(workspace, logger: logger) }
        if modelScenarios > 0 { try await modelBenchmark(workspace, logger: logger) }
    }

    /// Times reports over a run of `reportResults` results in `--db` (or the scratch database, removed after).
    func reportBenchmark(_ workspace: Workspace, logger: Logger) async throws {
        var options = StoreOptions()
        options.database = db ?? scratchDB
        if db == nil { Store.removeDatabase(at: scratchDB) }
        defer { if db == nil { Store.removeDatabase(at: scratchDB) } }
        let store = try openStore(options)
        print("report benchmark: \(store.location)")
        for figure in try await Benchmark.report(workspace: workspace, results: reportResults, store: store, logger: logger) {
            let peak = figure.peakMemory.map { String(format: "; peak RSS %.0f MB", Double($0) / 1_048_576) } ?? ""
            print(String(format: "%-20@ %8d results in %7.3f s = %9.0f results/s  (%.3f CPU-s%@)", figure.name as NSString, figure.count,
                         figure.seconds, figure.perSecond, figure.cpuSeconds, peak as NSString))
        }
    }

    /// Starts the stub server as a child process (so its CPU is not ours) and runs the model pipeline against it.
    func modelBenchmark(_ workspace: Workspace, logger: Logger) async throws {
        let server = Process()
        server.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        if !FileManager.default.isExecutableFile(atPath: server.executableURL!.path), let path = Bundle.main.executablePath {
            server.executableURL = URL(fileURLWithPath: path)
        }
        server.arguments = ["stub-server", "--latency-ms", String(stubLatencyMs), "--rules", files.rules]
        let output = Pipe()
        let input = Pipe()
        server.standardOutput = output
        server.standardInput = input
        try server.run()
        defer { try? input.fileHandleForWriting.close(); server.terminate(); server.waitUntilExit() }
        guard let line = String(data: output.fileHandleForReading.availableData, encoding: .utf8)?
                .trimmingCharacters(in: .whitespacesAndNewlines), let url = URL(string: line) else {
            throw CommandFailure.incomplete("the stub server did not start")
        }
        let figures = try await Benchmark.modelRun(workspace: workspace, baseURL: url, latency: .milliseconds(stubLatencyMs),
                                                   scenarios: modelScenarios, concurrency: concurrency, storePath: scratchDB, logger: logger)
        print(String(format: "model run: %d scenarios, %d calls to a %d ms server at concurrency %d (bound %.3f s): scenario phase %.3f s (%.2fx the bound), whole run %.3f s (%.2fx, with store setup, git provenance and the report); harness CPU %.3f s = %.3f ms per call",
                     figures.scenarios, figures.calls, stubLatencyMs, concurrency, figures.bound, figures.scenarioSeconds,
                     figures.bound > 0 ? figures.scenarioSeconds / figures.bound : 0, figures.seconds,
                     figures.bound > 0 ? figures.seconds / figures.bound : 0, figures.cpuSeconds, figures.cpuPerCallMs))
        Store.removeDatabase(at: scratchDB)
    }

    static func loadAverage() -> String {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "unknown"
    }
}
