import Foundation
import GRDB
import TriageEngine

extension PostgresStore {
    /// Appends results, their model calls and rendered requests to a run, in one transaction.
    public func append(_ results: [ScenarioResult], run id: Int64) throws {
        guard !results.isEmpty else { return }
        try write { connection in try Self.insert(results, run: id, connection) }
    }

    /// Inserts results with their decisions, calls and rendered requests inside the caller's transaction: a
    /// result or call stored again replaces the first (SQLite's `INSERT OR REPLACE`), its decision too (every
    /// result has a `result_decision` row, NULL when errored), a request body stored again keeps the first. Rows
    /// go in multi-row statements, a few hundred at a time.
    static func insert(_ results: [ScenarioResult], run id: Int64, _ connection: PostgresConnection) throws {
        var resultRows: [ResultKey: [DatabaseValue]] = [:]
        var decisions: [ResultKey: DatabaseValue] = [:]
        var resultOrder: [ResultKey] = []
        var callRows: [String: [DatabaseValue]] = [:]
        var callOrder: [String] = []
        var requests: [String: String] = [:]
        var requestOrder: [String] = []
        for result in results {
            let record = ResultRecord(result, run: id)
            let key = ResultKey(suite: result.suite, scenarioID: result.scenarioID, repeatIndex: result.repeatIndex)
            if resultRows[key] == nil { resultOrder.append(key) }
            resultRows[key] = resultColumns.map { record.value(of: $0)?.databaseValue ?? .null }
            decisions[key] = record.decisionJSON?.databaseValue ?? .null
            for (seq, call) in result.calls.enumerated() {
                let values = callValues(ModelCallRecord(call, of: result, run: id, seq: seq))
                let callKey = "\(result.suite)\u{0}\(result.scenarioID)\u{0}\(result.repeatIndex)\u{0}\(seq)"
                if callRows[callKey] == nil { callOrder.append(callKey) }
                callRows[callKey] = values
            }
            for (hash, body) in result.requests.sorted(by: { $0.key < $1.key }) where requests[hash] == nil {
                requests[hash] = body
                requestOrder.append(hash)
            }
        }
        let resultKey = ["run_id", "suite", "scenario_id", "repeat_index"]
        try upsert(into: "result", columns: resultColumns.map(\.rawValue), rows: resultOrder.map { resultRows[$0]! },
                   key: resultKey, replacing: true, connection)
        try upsert(into: "result_decision", columns: resultKey + ["decision_json"],
                   rows: resultOrder.map { [id.databaseValue, $0.suite.databaseValue, $0.scenarioID.databaseValue, $0.repeatIndex.databaseValue, decisions[$0]!] },
                   key: resultKey, replacing: true, connection)
        try upsert(into: "model_call", columns: callColumns, rows: callOrder.map { callRows[$0]! },
                   key: ["run_id", "suite", "scenario_id", "repeat_index", "seq"], replacing: true, connection)
        try upsert(into: "request", columns: ["hash", "body"], rows: requestOrder.map { [$0.databaseValue, requests[$0]!.databaseValue] },
                   key: ["hash"], replacing: false, connection)
    }

    /// The columns of `result` (v7: all of ``ResultRecord``'s but the decision, which `result_decision` holds).
    static let resultColumns = ResultRecord.CodingKeys.allCases.filter { $0 != .decisionJSON }

    /// The full rows of `result` (as `r`) with their decisions (`result_decision`), for ``ResultRecord``: those
    /// meeting `condition`, in `order` when given.
    static func fullResultsSQL(where condition: String, orderedBy order: String? = nil) -> String {
        "SELECT r.*, d.decision_json FROM result r LEFT JOIN result_decision d ON d.run_id = r.run_id AND d.suite = r.suite "
            + "AND d.scenario_id = r.scenario_id AND d.repeat_index = r.repeat_index WHERE \(condition)"
            + (order.map { " ORDER BY \($0)" } ?? "")
    }

    /// The columns of `model_call`, in the order of ``callValues(_:)``.
    static let callColumns = ["run_id", "suite", "scenario_id", "repeat_index", "seq", "provider", "model", "purpose", "status", "attempts",
                              "latency_ms", "input_tokens", "output_tokens", "cost_usd", "error_class", "cached", "request_hash"]

    /// A call record's values in ``callColumns`` order, as its `Encodable` conformance writes them.
    static func callValues(_ record: ModelCallRecord) -> [DatabaseValue] {
        let values = (try? record.databaseDictionary) ?? [:]
        return callColumns.map { values[$0] ?? .null }
    }

    /// Multi-row `INSERT … ON CONFLICT (key) DO UPDATE` (or `DO NOTHING` without `replacing`); no two rows
    /// may share a key.
    static func upsert(into table: String, columns: [String], rows: [[DatabaseValue]], key: [String], replacing: Bool,
                       _ connection: PostgresConnection) throws {
        guard !rows.isEmpty else { return }
        let updated = columns.filter { !key.contains($0) }
        let conflict = " ON CONFLICT (\(key.joined(separator: ", "))) " + (replacing && !updated.isEmpty
            ? "DO UPDATE SET " + updated.map { "\($0) = EXCLUDED.\($0)" }.joined(separator: ", ")
            : "DO NOTHING")
        let head = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
        let perStatement = max(1, 8000 / columns.count)
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(rows.count, start + perStatement)]
            var sql = head
            var number = 0
            for (index, _) in chunk.enumerated() {
                if index > 0 { sql += ", " }
                sql += "(" + columns.indices.map { _ in number += 1; return "$\(number)" }.joined(separator: ", ") + ")"
            }
            try connection.execute(sql + conflict, chunk.flatMap { $0 })
            start += perStatement
        }
    }

    /// How many results a run has stored.
    public func resultCount(run id: Int64) throws -> Int {
        try read { connection in try connection.execute("SELECT count(*) FROM result WHERE run_id = ?", values: [id]).get(0, 0, as: Int.self) ?? 0 }
    }

    /// The results of a run in scenario order.
    public func results(run id: Int64, detail: ResultDetail) throws -> [ScenarioResult] {
        try read { connection in
            var results: [ScenarioResult] = []
            switch detail {
            case .full:
                try connection.forEachBatch(Self.fullResultsSQL(where: "r.run_id = ?", orderedBy: "r.ordinal, r.repeat_index"), [id.databaseValue]) { batch in
                    for row in 0..<batch.rowCount { results.append(try ResultRecord(row: batch.row(row)).scenarioResult()) }
                }
            case .summary:
                try connection.forEachBatch("SELECT \(Self.summaryColumns) FROM result WHERE run_id = ? ORDER BY ordinal, repeat_index", [id.databaseValue]) { batch in
                    for row in 0..<batch.rowCount { results.append(try ResultSummaryColumn.result(from: PostgresSummaryRow(result: batch, index: row))) }
                }
            }
            return results
        }
    }

    /// The select list of a summary result: ``ResultSummaryColumn``'s columns. The reply checks are sent only
    /// where a summary reads them (a failed result that failed a reply check), so a million passed results do
    /// not carry theirs over the wire.
    static let summaryColumns = ResultSummaryColumn.allCases.map { column in
        column == .replyChecksJSON
            ? "CASE WHEN status = '\(ScenarioResult.Status.failed.rawValue)' AND reply_passed < reply_total THEN reply_checks_json END AS reply_checks_json"
            : column.key.rawValue
    }.joined(separator: ", ")

    /// Every model call of a run, in scenario order.
    public func calls(run id: Int64) throws -> [CallRecord] {
        try read { connection in
            // In the order of the results they belong to (ordinal), then of the calls within each.
            try connection.execute("""
                SELECT c.* FROM model_call c JOIN result r ON r.run_id = c.run_id AND r.suite = c.suite AND r.scenario_id = c.scenario_id
                    AND r.repeat_index = c.repeat_index
                WHERE c.run_id = ? ORDER BY r.ordinal, c.repeat_index, c.seq
                """, values: [id]).records(ModelCallRecord.self).map(\.call)
        }
    }

    /// The rendered request body stored under a hash.
    public func request(hash: String) throws -> String? {
        try read { connection in try connection.execute("SELECT body FROM request WHERE hash = ?", values: [hash]).get(0, 0, as: String.self) }
    }
}
