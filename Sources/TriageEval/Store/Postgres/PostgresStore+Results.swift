import Foundation
import GRDB
import TriageEngine

extension PostgresStore {
    /// Appends results, their model calls and rendered requests to a run, in one transaction.
    public func append(_ results: [ScenarioResult], run id: Int64) throws {
        guard !results.isEmpty else { return }
        try write { connection in try Self.insert(results, run: id, connection) }
    }

    /// Inserts results with their calls and rendered requests inside the caller's transaction: a result or
    /// call stored again replaces the first (SQLite's `INSERT OR REPLACE`), a request body stored again keeps
    /// the first. Rows go in multi-row statements, a few hundred at a time.
    static func insert(_ results: [ScenarioResult], run id: Int64, _ connection: PostgresConnection) throws {
        var resultRows: [ResultKey: [DatabaseValue]] = [:]
        var resultOrder: [ResultKey] = []
        var callRows: [String: [DatabaseValue]] = [:]
        var callOrder: [String] = []
        var requests: [String: String] = [:]
        var requestOrder: [String] = []
        for result in results {
            let record = ResultRecord(result, run: id)
            let key = ResultKey(suite: result.suite, scenarioID: result.scenarioID, repeatIndex: result.repeatIndex)
            if resultRows[key] == nil { resultOrder.append(key) }
            resultRows[key] = ResultRecord.CodingKeys.allCases.map { record.value(of: $0)?.databaseValue ?? .null }
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
        let resultColumns = ResultRecord.CodingKeys.allCases.map(\.rawValue)
        try upsert(into: "result", columns: resultColumns, rows: resultOrder.map { resultRows[$0]! },
                   key: ["run_id", "suite", "scenario_id", "repeat_index"], replacing: true, connection)
        try upsert(into: "model_call", columns: callColumns, rows: callOrder.map { callRows[$0]! },
                   key: ["run_id", "suite", "scenario_id", "repeat_index", "seq"], replacing: true, connection)
        try upsert(into: "request", columns: ["hash", "body"], rows: requestOrder.map { [$0.databaseValue, requests[$0]!.databaseValue] },
                   key: ["hash"], replacing: false, connection)
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
                try connection.forEachBatch("SELECT * FROM result WHERE run_id = ? ORDER BY ordinal, repeat_index", [id.databaseValue]) { batch in
                    for row in 0..<batch.rowCount { results.append(try ResultRecord(row: batch.row(row)).scenarioResult()) }
                }
            case .summary:
                try connection.forEachBatch("SELECT \(Self.summaryColumns) FROM result WHERE run_id = ? ORDER BY ordinal, repeat_index", [id.databaseValue]) { batch in
                    for row in 0..<batch.rowCount { results.append(try Self.summary(batch.row(row))) }
                }
            }
            return results
        }
    }

    /// The select list of a summary result: ``ResultSummaryColumn``'s columns.
    static let summaryColumns = ResultSummaryColumn.allCases.map(\.key.rawValue).joined(separator: ", ")

    /// A summary result from a row of the summary columns, read by name: what ``ResultSummaryColumn/result(from:)``
    /// builds from SQLite's positional rows (failed checks only, no decision, no tags, the stored cost).
    static func summary(_ row: Row) throws -> ScenarioResult {
        let expected = Expectation(category: row["expected_category"], escalate: row["expected_escalate"], team: row["expected_team"],
                                   priority: row["expected_priority"], sentiment: row["expected_sentiment"], churnRisk: row["expected_churn_risk"])
        var actual: ActualLabels?
        if let category: String = row["actual_category"] {
            actual = ActualLabels(category: category, escalate: row["actual_escalate"] ?? false, team: row["actual_team"] ?? "",
                                  priority: row["actual_priority"] ?? "", sentiment: row["actual_sentiment"] ?? "",
                                  churnRisk: row["actual_churn_risk"] ?? false)
        }
        var checks: [CheckOutcome] = []
        let status = ScenarioResult.Status(rawValue: row["status"] ?? "") ?? .errored
        let replyTotal: Int = row["reply_total"]
        let replyPassed: Int = row["reply_passed"]
        if status == .failed {
            if let actual {
                for field in Expectation.fields {
                    guard let value = expected.value(of: field), let found = actual.value(of: field), value != found else { continue }
                    checks.append(CheckOutcome(field: field, expected: value, actual: found, passed: false))
                }
            }
            if replyPassed < replyTotal, let text: String = row["reply_checks_json"] {
                checks += try ResultRecord.decoder.decode([CheckOutcome].self, from: Data(text.utf8)).filter { !$0.passed }
            }
        }
        // Only scored conversations carry quality (NULL elsewhere), so most rows decode nothing here.
        let qualityText: String? = row["quality_json"]
        let quality = try qualityText.map { try ResultRecord.decoder.decode(ResultQuality.self, from: Data($0.utf8)) }
        if status == .failed, let quality { checks += quality.checks.filter { !$0.passed } }
        let tier: String? = row["expected_tier"]
        var result = ScenarioResult(ordinal: row["ordinal"], suite: row["suite"], scenarioID: row["scenario_id"], repeatIndex: row["repeat_index"],
                                    status: status, expected: expected, actual: actual, checks: checks, decision: nil,
                                    expectedTier: tier.flatMap(EscalationTier.init(rawValue:)), latencyMs: row["latency_ms"],
                                    error: row["error"], errorClass: row["error_class"], tags: [], winner: row["winner"], why: row["why"],
                                    replyTotal: replyTotal, replyPassed: replyPassed)
        result.storedCostUSD = row["cost_usd"]
        result.inputSignals = ResultRecord.signals(row["input_signals"])
        result.quality = quality?.conversation
        return result
    }

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
