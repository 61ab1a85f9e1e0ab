import Foundation
import Testing
@testable import TriageEval

/// The CPU figure of `bench shards` reads /proc/PID/stat the way proc(5) lays it out.
@Suite("Shard benchmark CPU figure")
struct ShardBenchmarkTests {
    @Test func cpuSecondsAreUserPlusSystemTicksCountedFromTheLastParenthesis() {
        // A command name with a space and a ")" inside: naive splitting would shift every field.
        let stat = "4242 (triage ) eval) S 1 4242 4242 0 -1 4194560 1200 0 0 0 250 75 0 0 20 0 9 0 100 500000000 30000 18446744073709551615"
        #expect(ShardBenchmark.cpuSeconds(stat: stat, ticksPerSecond: 100) == 3.25)
        #expect(ShardBenchmark.cpuSeconds(stat: "4242 (x) S 1 2", ticksPerSecond: 100) == nil)
        #expect(ShardBenchmark.cpuSeconds(stat: "no parenthesis", ticksPerSecond: 100) == nil)
    }

    @Test func aProcessThatIsGoneHasNoCPUFigure() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        #expect(ShardBenchmark.cpuSeconds(pid: process.processIdentifier) == nil)
        #expect(ShardBenchmark.cpuSeconds(pid: getpid()) != nil)
    }
}
