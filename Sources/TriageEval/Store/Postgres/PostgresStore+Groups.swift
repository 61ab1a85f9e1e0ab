import Foundation
import GRDB
import TriageEngine

/// Groups on PostgreSQL (the SQLite store's v9): which group and shard a run is, and a group's runs, results
/// and calls read as one run's.
extension PostgresStore {
    /// The migration adding a run's group and shard.
    static let groupsMigration = Migration(version: "v2: run groups", sql: """
        ALTER TABLE run ADD COLUMN group_name TEXT, ADD COLUMN shard_index INTEGER, ADD COLUMN shard_count INTEGER;
        CREATE INDEX run_by_group ON run (group_name)
        """)

    /// Every run of a group, oldest first (a shard run again appears once per run).
    public func runs(group: String) throws -> [StoredRun] {
        try read { connection in try Self.storedRuns(connection.execute("SELECT * FROM run WHERE group_name = ? ORDER BY id", values: [group]), connection) }
    }

    /// The results of several runs (a group's shards) in the order one run over all their scenarios stores them.
    public func results(runs ids: [Int64], detail: ResultDetail) throws -> [ScenarioResult] {
        guard !ids.isEmpty else { return [] }
        let list = ids.map { _ in "?" }.joined(separator: ", ")
        let arguments = ids.map(\.databaseValue)
        return try read { connection in
            var results: [ScenarioResult] = []
            switch detail {
            case .full:
                try connection.forEachBatch(Self.fullResultsSQL(where: "r.run_id IN (\(list))", orderedBy: "r.ordinal, r.repeat_index"), arguments) { batch in
                    for row in 0..<batch.rowCount { results.append(try ResultRecord(row: batch.row(row)).scenarioResult()) }
                }
            case .summary:
                try connection.forEachBatch("SELECT \(Self.summaryColumns) FROM result WHERE run_id IN (\(list)) ORDER BY ordinal, repeat_index", arguments) { batch in
                    for row in 0..<batch.rowCount { results.append(try ResultSummaryColumn.result(from: PostgresSummaryRow(result: batch, index: row))) }
                }
            }
            return results
        }
    }

    /// The model calls of several runs in the order of their results, then of the calls within each.
    public func calls(runs ids: [Int64]) throws -> [CallRecord] {
        guard !ids.isEmpty else { return [] }
        let list = ids.map { _ in "?" }.joined(separator: ", ")
        return try read { connection in
            try connection.execute("""
                SELECT c.* FROM model_call c JOIN result r ON r.run_id = c.run_id AND r.suite = c.suite AND r.scenario_id = c.scenario_id
                    AND r.repeat_index = c.repeat_index
                WHERE c.run_id IN (\(list)) ORDER BY r.ordinal, c.repeat_index, c.seq
                """, values: ids).records(ModelCallRecord.self).map(\.call)
        }
    }
}
