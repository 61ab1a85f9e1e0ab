import Foundation
import Testing

/// The store seen from processes: several `triage-eval` processes opening one new `--db` at once.
@Suite("Store across processes")
struct StoreCLITests {
    let scratch = ScratchDirectory()

    /// Before the fix the second of two processes exited 3 with `duplicate column name: input_tokens` in
    /// 30–50% of trials (issue 8, defect 3); every process must now succeed, whoever migrates first.
    @Test func twoProcessesOpeningANewStoreTogetherBothSucceed() throws {
        for trial in 0..<10 {
            let db = scratch.file("race-\(trial).sqlite")
            let lock = NSLock()
            nonisolated(unsafe) var outputs: [CLI.Output] = []
            DispatchQueue.concurrentPerform(iterations: 2) { _ in
                let output = try? CLI.run(["run", CLI.fixtures + "pass.yaml", "--db", db] + CLI.fixtureFiles)
                lock.withLock { outputs.append(output ?? CLI.Output(status: -1, stdout: "", stderr: "could not start")) }
            }
            #expect(outputs.map(\.status) == [0, 0], "trial \(trial): \(outputs.map(\.stderr))")
            let runs = try CLI.run(["runs", "--db", db])
            #expect(runs.stdout.components(separatedBy: " completed ").count - 1 == 2, "trial \(trial): \(runs.stdout)")
        }
    }
}
