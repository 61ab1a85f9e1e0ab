import Foundation
import GRDB
import TriageEngine

extension PostgresStore {
    /// What a report counts over the results of `runs`, in SQL (``ReportSQL``'s statements, as SQLite runs
    /// them), each statement read through a cursor.
    public func aggregates(runs: [Int64]) throws -> RunAggregates {
        guard !runs.isEmpty else { return RunAggregates() }
        let ids: [DatabaseValue] = runs.map(\.databaseValue)
        func sql(_ text: String) -> String { ReportSQL.runList(text, runs: runs.count) }
        let pattern = ReportSQL.signalPattern(InputValidator.Signal.injection).databaseValue
        return try read { connection in
            var groups: [RunAggregates.Group] = []
            let fields = ScoredField.allCases.count
            try connection.forEachBatch(sql(ReportSQL.groups), [pattern, pattern] + ids, batchSize: 20_000) { rows in
                for row in 0..<rows.rowCount {
                    var held: [Int] = []
                    var made: [Int] = []
                    for position in 0..<fields {
                        held.append(rows.get(row, 14 + 2 * position) ?? 0)
                        made.append(rows.get(row, 15 + 2 * position) ?? 0)
                    }
                    let flagged: Int = rows.get(row, 11) ?? -1
                    groups.append(RunAggregates.Group(runID: rows.get(row, 0) ?? 0, ordinal: rows.get(row, 1) ?? 0, suite: rows.get(row, 2) ?? "",
                                                      scenarioID: rows.get(row, 3) ?? "", status: rows.get(row, 4) ?? "",
                                                      expectedCategory: rows.get(row, 5), actualCategory: rows.get(row, 6),
                                                      expectedTier: rows.get(row, 7), escalated: rows.get(row, 8) ?? false, team: rows.get(row, 9),
                                                      errorClass: rows.get(row, 10), flaggedRepeat: flagged >= 0 ? flagged : nil,
                                                      labelsDiffer: rows.get(row, 12) ?? false, count: rows.get(row, 13) ?? 0, held: held, made: made))
                }
            }
            let count = groups.reduce(0) { $0 + $1.count }
            var latencies: [Double] = []
            latencies.reserveCapacity(count)
            try connection.forEachBatch(sql(ReportSQL.latencies), ids, batchSize: 50_000) { batch in
                for row in 0..<batch.rowCount { latencies.append(batch.get(row, 0) ?? 0) }
            }
            var next = latencies.makeIterator()
            let latency = try RunAggregates.latencySummary(count: count) { next.next() }
            return RunAggregates(groups: groups, latency: latency)
        }
    }

    /// Hands the results of `runs` to `body` one at a time from a cursor, in run order and summary detail.
    public func forEachResult(runs: [Int64], suites: [String]?, failuresOnly: Bool, _ body: (ScenarioResult) throws -> Void) throws {
        guard !runs.isEmpty else { return }
        var conditions = ["run_id IN (\(runs.map { _ in "?" }.joined(separator: ", ")))"]
        var arguments: [DatabaseValue] = runs.map(\.databaseValue)
        if let suites {
            guard !suites.isEmpty else { return }
            conditions.append("suite IN (\(suites.map { _ in "?" }.joined(separator: ", ")))")
            arguments += suites.map(\.databaseValue)
        }
        if failuresOnly {
            conditions.append("status <> ?")
            arguments.append(ScenarioResult.Status.passed.rawValue.databaseValue)
        }
        try read { connection in
            try connection.forEachBatch("SELECT \(Self.summaryColumns) FROM result WHERE \(conditions.joined(separator: " AND ")) ORDER BY run_id, ordinal, repeat_index",
                                        arguments) { batch in
                for row in 0..<batch.rowCount { try body(try Self.summary(batch.row(row))) }
            }
        }
    }
}
