import Foundation
import Testing

/// `triage-eval bench suite` as a user runs it: generated suites validated and run by child processes.
@Suite("CLI bench suite")
struct BenchSuiteCLITests {
    @Test func printsValidateAndRunFiguresForEachSizeAndLeavesNothingBehind() throws {
        let output = try CLI.run(["bench", "suite", CLI.fixtures + "pass.yaml", "--sizes", "7", "12"])
        #expect(output.status == 0, "\(output.stderr)")
        let lines = output.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "large suites (3 scenarios repeated; built-in engine, concurrency 4; each command a child process):")
        #expect(lines.count == 3)
        for (line, size) in zip(lines.dropFirst(), ["      7 scenarios", "     12 scenarios"]) {
            #expect(line.hasPrefix("  " + size), "\(line)")
            #expect(line.contains(" MB peak ") && line.contains(" µs/scenario"), "\(line)")
            #expect(line.contains(" s CPU) "), "\(line)")
            // Exit statuses of validate and run: both children succeeded.
            #expect(line.hasSuffix("(exit 0, 0)"), "\(line)")
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory()).filter { $0.hasPrefix("triage-eval-bench-suite-") }
        #expect(left.isEmpty)
    }
}
