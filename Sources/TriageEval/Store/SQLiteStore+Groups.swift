import Foundation
import GRDB
import TriageEngine

extension SQLiteStore {
    /// "v9: run groups": which group and shard a run is (NULL for a whole run), and the index `group:NAME` looks up.
    static func registerGroupsMigration(in migrator: inout DatabaseMigrator) {
        register("v9: run groups", in: &migrator) { db in
            try db.alter(table: "run") { t in
                t.add(column: "group_name", .text)
                t.add(column: "shard_index", .integer)
                t.add(column: "shard_count", .integer)
            }
            try db.create(index: "run_by_group", on: "run", columns: ["group_name"])
        }
    }

    /// Every run of a group, oldest first (a shard run again, e.g. a retried CI job, appears once per run).
    public func runs(group: String) throws -> [StoredRun] {
        try writer.read { db in
            try RunRecord.fetchAll(db, sql: "SELECT * FROM run WHERE group_name = ? ORDER BY id", arguments: [group]).map { try Self.storedRun($0, db) }
        }
    }

    /// The results of several runs (a group's shards) in the order one run over all their scenarios stores them.
    public func results(runs ids: [Int64], detail: ResultDetail) throws -> [ScenarioResult] {
        guard !ids.isEmpty else { return [] }
        let request = ResultRecord.filter(ids.contains(ResultRecord.Columns.runID)).order(ResultRecord.Columns.ordinal, ResultRecord.Columns.repeatIndex)
        return try writer.read { db in
            var results: [ScenarioResult] = []
            switch detail {
            case .full:
                let cursor = try request.fetchCursor(db)
                while let record = try cursor.next() { results.append(try record.scenarioResult()) }
            case .summary:
                let cursor = try Row.fetchCursor(db, request.select(ResultSummaryColumn.selection))
                while let row = try cursor.next() { results.append(try ResultSummaryColumn.result(from: row)) }
            }
            return results
        }
    }

    /// The model calls of several runs in the order of their results (as ``results(runs:detail:)``), then of the calls within each.
    public func calls(runs ids: [Int64]) throws -> [CallRecord] {
        guard !ids.isEmpty else { return [] }
        let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ", ")
        return try writer.read { db in
            let cursor = try ModelCallRecord.fetchCursor(db, sql: """
                SELECT c.* FROM model_call c JOIN result r ON r.run_id = c.run_id AND r.suite = c.suite AND r.scenario_id = c.scenario_id
                    AND r.repeat_index = c.repeat_index
                WHERE c.run_id IN (\(placeholders)) ORDER BY r.ordinal, c.repeat_index, c.seq
                """, arguments: StatementArguments(ids))
            var calls: [CallRecord] = []
            while let record = try cursor.next() { calls.append(record.call) }
            return calls
        }
    }
}

extension RunRecord {
    /// The group and shard of a shard run; nil for a whole run.
    var shard: GroupShard? {
        guard let groupName, let shardIndex, let shardCount, let slice = ShardSlice(index: shardIndex, count: shardCount) else { return nil }
        return GroupShard(group: groupName, slice: slice)
    }
}
