import ArgumentParser
import Foundation
import TriageEval

/// `triage-eval bench suite`: `validate` and a built-in-engine `run` of generated suites of 10,000, 50,000
/// and 100,000 scenarios, each as a child process: seconds, CPU seconds, peak memory and µs per scenario.
struct BenchSuiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suite",
        abstract: "Validate and run generated large suites as child processes: seconds, CPU seconds, peak RSS and µs per scenario.")

    @Argument(help: "Scenario files or directories whose scenarios are repeated (default: scenarios).")
    var paths: [String] = []

    @OptionGroup var files: FileOptions

    @Option(name: .long, parsing: .upToNextOption, help: "Suite sizes in scenarios.")
    var sizes: [Int] = [10_000, 50_000, 100_000]

    @Option(name: .long, help: "Concurrency of the runs.")
    var concurrency = 4

    func validate() throws {
        if sizes.contains(where: { $0 < 1 }) { throw ValidationError("--sizes must be at least 1") }
        if concurrency < 1 { throw ValidationError("--concurrency must be at least 1") }
    }

    func run() throws {
        let workspace = try loadWorkspace(files, paths: paths.isEmpty ? ["scenarios"] : paths)
        let figures = try Benchmark.suites(executable: ChildProcess.currentExecutable, rules: files.rules, prompts: files.prompts,
                                           scenarios: workspace.scenarios, sizes: sizes, concurrency: concurrency)
        print("large suites (\(workspace.scenarios.count) scenarios repeated; built-in engine, concurrency \(concurrency); each command a child process):")
        for figure in figures {
            let megabytes = Double(figure.fileBytes) / 1e6
            print(String(format: "  %7d scenarios (%5.1f MB)  validate %6.2f s (%6.2f s CPU) %6.0f MB peak %6.1f µs/scenario   run %6.2f s (%6.2f s CPU) %6.0f MB peak %6.1f µs/scenario  (exit %d, %d)",
                         figure.scenarios, megabytes, figure.validate.seconds, figure.validate.cpuSeconds, Double(figure.validate.peakRSSBytes) / 1e6,
                         figure.validateMicrosecondsPerScenario, figure.run.seconds, figure.run.cpuSeconds, Double(figure.run.peakRSSBytes) / 1e6,
                         figure.runMicrosecondsPerScenario, figure.validate.exitStatus, figure.run.exitStatus))
        }
    }
}
