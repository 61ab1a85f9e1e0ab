import Foundation
import GRDB
import TriageEngine

extension SQLiteStore {
    /// Appends results, their model calls and rendered requests to a run, in one transaction.
    public func append(_ results: [ScenarioResult], run id: Int64) throws {
        guard !results.isEmpty else { return }
        try writer.write { db in try Self.insert(results, run: id, db) }
    }

    /// Inserts results with their calls and rendered requests inside the caller's transaction.
    static func insert(_ results: [ScenarioResult], run id: Int64, _ db: Database) throws {
        let insert = try db.cachedStatement(sql: ResultRecord.insertSQL)
        for result in results {
            // The arguments match the statement by construction (one per column of ``ResultRecord/insertSQL``):
            // binding them unchecked skips GRDB's validating copy of 37 values per row.
            insert.setUncheckedArguments(ResultRecord(result, run: id).insertArguments)
            try insert.execute()
            for (seq, call) in result.calls.enumerated() {
                try ModelCallRecord(call, of: result, run: id, seq: seq).insert(db)
            }
            for (hash, body) in result.requests { try RequestRecord(hash: hash, body: body).insert(db) }
        }
    }

    /// How many results a run has stored.
    public func resultCount(run id: Int64) throws -> Int {
        try writer.read { db in try ResultRecord.filter(ResultRecord.Columns.runID == id).fetchCount(db) }
    }

    /// The results of a run in scenario order.
    public func results(run id: Int64, detail: ResultDetail) throws -> [ScenarioResult] {
        let request = ResultRecord.filter(ResultRecord.Columns.runID == id).order(ResultRecord.Columns.ordinal, ResultRecord.Columns.repeatIndex)
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

    /// Every model call of a run, in scenario order.
    public func calls(run id: Int64) throws -> [CallRecord] {
        try writer.read { db in
            // In the order of the results they belong to (ordinal), then of the calls within each.
            let cursor = try ModelCallRecord.fetchCursor(db, sql: """
                SELECT c.* FROM model_call c JOIN result r ON r.run_id = c.run_id AND r.suite = c.suite AND r.scenario_id = c.scenario_id
                    AND r.repeat_index = c.repeat_index
                WHERE c.run_id = ? ORDER BY r.ordinal, c.repeat_index, c.seq
                """, arguments: [id])
            var calls: [CallRecord] = []
            while let record = try cursor.next() { calls.append(record.call) }
            return calls
        }
    }

    /// The rendered request body stored under a hash.
    public func request(hash: String) throws -> String? {
        try writer.read { db in try RequestRecord.fetchOne(db, key: hash)?.body }
    }
}
