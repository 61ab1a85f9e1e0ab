import Foundation
import Testing

/// `triage-eval bench shards` as a user runs it: real shard processes against a SQLite store and the stub server.
@Suite("CLI bench shards")
struct BenchShardsCLITests {
    // A 200 ms stub keeps the killed shard at least a second (20 scenarios / 4 × 200 ms) from its end when the
    // 100 ms watch loop sees half its results stored, so the kill always lands midway.
    @Test func killsOneShardResumesAndGatesAGroupWithNoResultLostOrDuplicated() throws {
        let directory = NSTemporaryDirectory() + "bench-shards-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let output = try CLI.run(["bench", "shards", CLI.fixtures + "pass.yaml", "--processes", "3", "--scenarios", "40", "--concurrency", "4",
                                  "--stub-latency-ms", "200", "--kill-one", "--db", directory + "/shards.sqlite"])
        #expect(output.status == 0, "\(output.stderr)")
        let lines = output.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("step: kill -9 shard 2 (run #") && $0.contains("results stored") }, "\(output.stdout)")
        #expect(lines.contains { $0.hasPrefix("step: resume group:bench-shards-") && $0.contains(": exit 0") }, "\(output.stdout)")
        #expect(lines.contains { $0.hasPrefix("step: gate group:bench-shards-") && $0.contains(": exit 0") }, "\(output.stdout)")
        #expect(lines.contains { $0.hasPrefix("shards: 3 processes × 40 scenarios = 120 at concurrency 4 each against a 200 ms stub: wall ") })
        #expect(lines.filter { $0.hasPrefix("  shard ") && $0.contains(" CPU-s, peak RSS ") }.count == 3)
        #expect(lines.contains { $0.hasPrefix("  shard 2: exit 9 (killed), ") })
        #expect(lines.contains { $0.hasPrefix("CPU: shards ") && $0.contains(" ms per scenario) + stub server ") && $0.hasSuffix(" s of wall time") })
        #expect(lines.last == "merged group: 120 results, 120 distinct scenarios of 120: none lost or duplicated")
        // The SQLite store the shards wrote is removed at the end.
        #expect(!FileManager.default.fileExists(atPath: directory + "/shards.sqlite"))
    }
}
