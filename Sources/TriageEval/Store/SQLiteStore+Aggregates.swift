import Foundation
import GRDB
import TriageEngine

extension SQLiteStore {
    /// What a report counts over the results of `runs`, in SQL (``ReportSQL``), inside one read transaction.
    public func aggregates(runs: [Int64]) throws -> RunAggregates {
        guard !runs.isEmpty else { return RunAggregates() }
        let ids = StatementArguments(runs)
        func sql(_ text: String) -> String { ReportSQL.runList(text, runs: runs.count) }
        let pattern = ReportSQL.signalPattern(InputValidator.Signal.injection)
        return try writer.read { db in
            var groups: [RunAggregates.Group] = []
            let fields = ScoredField.allCases.count
            let rows = try Row.fetchCursor(db, sql: sql(ReportSQL.groups), arguments: [pattern, pattern] + ids)
            while let row = try rows.next() {
                var held: [Int] = []
                var made: [Int] = []
                for position in 0..<fields {
                    held.append(row[14 + 2 * position] ?? 0)
                    made.append(row[15 + 2 * position] ?? 0)
                }
                let flagged: Int = row[11]
                groups.append(RunAggregates.Group(runID: row[0], ordinal: row[1], suite: row[2], scenarioID: row[3], status: row[4],
                                                  expectedCategory: row[5], actualCategory: row[6], expectedTier: row[7], escalated: row[8],
                                                  team: row[9], errorClass: row[10], flaggedRepeat: flagged >= 0 ? flagged : nil,
                                                  labelsDiffer: row[12], count: row[13], held: held, made: made))
            }
            let count = groups.reduce(0) { $0 + $1.count }
            let latencies = try Double.fetchCursor(db, sql: sql(ReportSQL.latencies), arguments: ids)
            let latency = try RunAggregates.latencySummary(count: count) { try latencies.next() }
            return RunAggregates(groups: groups, latency: latency)
        }
    }

    /// Hands the results of `runs` to `body` one at a time from a cursor, in run order and summary detail.
    public func forEachResult(runs: [Int64], suites: [String]?, failuresOnly: Bool, _ body: (ScenarioResult) throws -> Void) throws {
        var request = ResultRecord.filter(runs.contains(ResultRecord.Columns.runID))
        if let suites { request = request.filter(suites.contains(ResultRecord.Columns.suite)) }
        if failuresOnly { request = request.filter(Column(ResultRecord.CodingKeys.status) != ScenarioResult.Status.passed.rawValue) }
        request = request.order(ResultRecord.Columns.runID, ResultRecord.Columns.ordinal, ResultRecord.Columns.repeatIndex)
        try writer.read { db in
            let cursor = try Row.fetchCursor(db, request.select(ResultSummaryColumn.selection))
            while let row = try cursor.next() { try body(try ResultSummaryColumn.result(from: row)) }
        }
    }
}
