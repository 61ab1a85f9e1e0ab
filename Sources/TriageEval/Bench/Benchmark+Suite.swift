import Foundation
import TriageEngine

extension Benchmark {
    /// `validate` and a built-in-engine `run` of one generated suite, each measured as a child process.
    public struct SuiteFigure: Sendable {
        /// Scenarios in the suite.
        public var scenarios: Int
        /// Bytes of the suite file.
        public var fileBytes: Int
        /// `triage-eval validate` of the suite.
        public var validate: ChildProcess
        /// `triage-eval run` of the suite (built-in engine, results stored in a scratch SQLite file).
        public var run: ChildProcess
        /// Microseconds per scenario of the run, which stays flat when the cost per scenario does.
        public var runMicrosecondsPerScenario: Double { run.seconds * 1e6 / Double(max(1, scenarios)) }
        /// Microseconds per scenario of the validation.
        public var validateMicrosecondsPerScenario: Double { validate.seconds * 1e6 / Double(max(1, scenarios)) }
    }

    /// For each size, writes a suite of that many scenarios cycled from `scenarios` (see ``LargeSuite``)
    /// into a scratch directory, then runs `executable validate` and `executable run` on it as child
    /// processes; the directory is removed afterwards.
    public static func suites(executable: String, rules: String, prompts: String, scenarios: [Scenario], sizes: [Int],
                              concurrency: Int) throws -> [SuiteFigure] {
        let directory = NSTemporaryDirectory() + "triage-eval-bench-suite-\(getpid())"
        try? FileManager.default.removeItem(atPath: directory)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var figures: [SuiteFigure] = []
        for size in sizes {
            let suite = directory + "/large-\(size).yaml"
            let database = directory + "/runs-\(size).sqlite"
            let bytes = try LargeSuite.write(name: "large", from: scenarios, count: size, to: suite)
            let common = ["--rules", rules, "--prompts", prompts]
            let validate = try ChildProcess.run(executable, ["validate"] + common + [suite])
            let run = try ChildProcess.run(executable, ["run"] + common + ["--db", database, "--concurrency", String(concurrency),
                                                                             "--max-error-rate", "1", suite])
            figures.append(SuiteFigure(scenarios: size, fileBytes: bytes, validate: validate, run: run))
            try? FileManager.default.removeItem(atPath: suite)
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
        }
        return figures
    }
}
