import ArgumentParser
import Foundation
import TriageEval

/// `triage-eval bench shards`: P shard processes against one store and the stub model server.
struct BenchShardsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shards",
        abstract: "Run one logical run as P `run --shard K/P` processes against one store and a stub model server; check the merged group.",
        discussion: """
            Prints the wall time against its bound (scenarios × latency / (P × concurrency)), result rows per second, \
            the peak resident memory of each shard process, and whether the merged group has exactly the scenarios, \
            none lost or duplicated. With --kill-one, one shard is killed with SIGKILL midway, then `resume group:NAME` \
            and `gate group:NAME` run, each step printed with its exit status.
            """)

    @Argument(help: "Scenario files or directories whose tickets are cycled (default: scenarios).")
    var paths: [String] = []

    @OptionGroup var files: FileOptions

    @Option(name: .long, help: "Shard processes.")
    var processes = 8

    @Option(name: .long, help: "Scenarios per process.")
    var scenarios = 12_500

    @Option(name: .long, help: "Concurrency of each process.")
    var concurrency = 32

    @Option(name: .long, help: "The stub server's answer latency in milliseconds.")
    var stubLatencyMs = 50

    @Option(name: .long, help: "The store the shards write into (any --db value); a SQLite file is deleted first.")
    var db = NSTemporaryDirectory() + "triage-eval-bench-shards.sqlite"

    @Flag(name: .long, help: "Kill one shard with SIGKILL midway, resume it and gate the group.")
    var killOne = false

    func validate() throws {
        if processes < 1 { throw ValidationError("--processes must be at least 1") }
        if scenarios < 1 { throw ValidationError("--scenarios must be at least 1") }
        if concurrency < 1 { throw ValidationError("--concurrency must be at least 1") }
    }

    func run() async throws {
        let workspace = try loadWorkspace(files, paths: paths.isEmpty ? ["scenarios"] : paths)
        #if DEBUG
        printError("note: this is a debug build; build with `swift build -c release` for meaningful figures")
        #endif
        let executable = URL(fileURLWithPath: Bundle.main.executablePath ?? CommandLine.arguments[0])
        let isSQLite = !db.contains("://")
        if isSQLite { Store.removeDatabase(at: db) }
        let directory = NSTemporaryDirectory() + "triage-eval-bench-shards-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cwd = FileManager.default.currentDirectoryPath
        func absolute(_ path: String) -> String { path.hasPrefix("/") ? path : cwd + "/" + path }

        let server = Process()
        server.executableURL = executable
        server.arguments = ["stub-server", "--latency-ms", String(stubLatencyMs), "--rules", files.rules]
        let output = Pipe()
        let input = Pipe()
        server.standardOutput = output
        server.standardInput = input
        try server.run()
        defer { try? input.fileHandleForWriting.close(); server.terminate(); server.waitUntilExit() }
        let serverPID = server.processIdentifier
        guard let line = String(data: output.fileHandleForReading.availableData, encoding: .utf8)?
                .trimmingCharacters(in: .whitespacesAndNewlines), let url = URL(string: line) else {
            throw CommandFailure.incomplete("the stub server did not start")
        }
        let store = try openStore(StoreOptions.parse(["--db", db]))
        let bench = ShardBenchmark(executable: executable, rules: absolute(files.rules), prompts: absolute(files.prompts), database: isSQLite ? absolute(db) : db,
                                   stubURL: url, latency: .milliseconds(stubLatencyMs), processes: processes, scenariosPerProcess: scenarios,
                                   concurrency: concurrency, directory: directory)
        let (suite, models) = try bench.writeFiles(from: workspace)
        print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores; load average \(BenchThroughputCommand.loadAverage()); group \(bench.group)")
        let figures = try await bench.run(suite: suite, models: models, store: store, killShard: killOne ? (processes + 1) / 2 : nil,
                                          killAfter: scenarios / 2, log: { print("step: " + $0) })
        print(String(format: "shards: %d processes × %d scenarios = %d at concurrency %d each against a %d ms stub: wall %.3f s, bound %.3f s (%.2fx); %.0f result rows/s into %@",
                     processes, scenarios, figures.total, concurrency, stubLatencyMs, figures.seconds, figures.bound,
                     figures.bound > 0 ? figures.seconds / figures.bound : 0, figures.rowsPerSecond, (isSQLite ? "SQLite" : "the store") as NSString))
        for shard in figures.shards {
            print(String(format: "  shard %d: exit %d%@, %.3f s, %.1f CPU-s, peak RSS %.1f MB", shard.shard, shard.status, (shard.killed ? " (killed)" : "") as NSString,
                         shard.seconds, shard.cpuSeconds, Double(shard.peakRSSKB) / 1024) + (shard.failure.isEmpty ? "" : ": " + shard.failure))
        }
        // On a machine with fewer cores than the work needs, CPU, not the stub's latency, bounds the wall time.
        let shardCPU = figures.shards.reduce(0) { $0 + $1.cpuSeconds }
        let stubCPU = ShardBenchmark.cpuSeconds(pid: serverPID) ?? 0
        let cores = ProcessInfo.processInfo.activeProcessorCount
        print(String(format: "CPU: shards %.1f s (%.2f ms per scenario) + stub server %.1f s = %.1f s; on %d cores that alone needs %.1f s of wall time",
                     shardCPU, shardCPU * 1000 / Double(max(figures.total, 1)), stubCPU, shardCPU + stubCPU, cores, (shardCPU + stubCPU) / Double(max(cores, 1))))
        let exact = figures.mergedResults == figures.total && figures.distinctScenarios == figures.total
        print("merged group: \(figures.mergedResults) results, \(figures.distinctScenarios) distinct scenarios of \(figures.total): "
              + (exact ? "none lost or duplicated" : "MISMATCH"))
        if isSQLite { Store.removeDatabase(at: db) }
        if !exact { throw ExitCode(ExitStatus.incomplete.rawValue) }
    }
}
