import Foundation
import TriageEngine

extension Benchmark {
    /// The store figures against a PostgreSQL database (`bench --db postgresql://…`): result rows per second
    /// in batches of 256, through the run's group-committing writer, and one transaction per result (over at
    /// most `singleLimit` results: each is a round trip to the server). Each figure writes a scratch run that
    /// is deleted afterwards.
    public static func postgresStore(workspace: Workspace, results count: Int, url: PostgresURL, singleLimit: Int = 5_000) throws -> [Figure] {
        let results = try BenchResults(workspace: workspace)
        guard !results.isEmpty else { return [] }
        let result = results.result
        let store = try PostgresStore(url: url)
        func scratchRun(_ planned: Int) throws -> Int64 {
            try store.startRun(StoredRun(id: 0, status: .running, startedAt: Date(), finishedAt: nil, toolVersion: ToolVersion.current, gitCommit: nil,
                                         engine: EngineDescription(classifier: "builtin-lexical", drafter: "templates",
                                                                   categories: workspace.policy.taxonomy.categoryNames),
                                         gates: RunGates(), plannedResults: planned, suites: workspace.suites.map(\.name), sources: workspace.sources(),
                                         pid: getpid(), host: ProcessInfo.processInfo.hostName))
        }
        var figures: [Figure] = []
        var runID = try scratchRun(count)
        figures.append(try measure("pg results stored", count: count) {
            var batch: [ScenarioResult] = []
            batch.reserveCapacity(256)
            for index in 0..<count {
                batch.append(result(index))
                if batch.count == 256 { try store.append(batch, run: runID); batch.removeAll(keepingCapacity: true) }
            }
            try store.append(batch, run: runID)
        })
        try store.deleteRun(runID)
        runID = try scratchRun(count)
        figures.append(try measure("pg group commit", count: count) {
            let writer = ResultWriter(store: store, runID: runID)
            for index in 0..<count { try writer.add(result(index)) }
            try writer.close()
        })
        try store.deleteRun(runID)
        let single = min(count, singleLimit)
        runID = try scratchRun(single)
        figures.append(try measure("pg 1 per commit", count: single) {
            for index in 0..<single { try store.commit([result(index)], run: runID, replacing: false) }
        })
        try store.deleteRun(runID)
        return figures
    }
}
