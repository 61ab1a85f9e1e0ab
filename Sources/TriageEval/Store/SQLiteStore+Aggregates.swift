import Foundation
import GRDB
import TriageEngine

extension SQLiteStore {
    /// What a report counts over the results of `runs`, in SQL (``ReportSQL``), inside one read transaction.
    public func aggregates(runs: [Int64]) throws -> RunAggregates {
        guard !runs.isEmpty else { return RunAggregates() }
        let ids = StatementArguments(runs)
        func sql(_ text: String) -> String { ReportSQL.runList(text, runs: runs.count) }
        return try writer.read { db in
            var aggregates = RunAggregates()
            let fields = ScoredField.allCases.count
            let scenarios = try Row.fetchCursor(db, sql: sql(ReportSQL.scenarios), arguments: ids)
            while let row = try scenarios.next() {
                var held: [Int] = []
                var made: [Int] = []
                for position in 0..<fields {
                    held.append(row[4 + 2 * position] ?? 0)
                    made.append(row[5 + 2 * position] ?? 0)
                }
                let trials: Int = row[2]
                aggregates.results += trials
                aggregates.scenarios.append(RunAggregates.Scenario(suite: row[0], id: row[1], trials: trials, passed: row[3] ?? 0, held: held, made: made))
            }
            let cells = try Row.fetchCursor(db, sql: sql(ReportSQL.categoryCells), arguments: ids)
            while let row = try cells.next() {
                aggregates.categoryCells.append(RunAggregates.CategoryCell(suite: row[0], scenarioID: row[1], expected: row[2], actual: row[3], count: row[4]))
            }
            aggregates.categoryCells.sort()
            let suites = try Row.fetchCursor(db, sql: sql(ReportSQL.suites), arguments: ids)
            while let row = try suites.next() {
                aggregates.suites[row[0]] = RunAggregates.SuiteCounts(runs: row[1], passed: row[2] ?? 0, errored: row[3] ?? 0, decided: row[4] ?? 0, escalated: row[5] ?? 0)
            }
            let teams = try Row.fetchCursor(db, sql: sql(ReportSQL.teams), arguments: ids)
            while let row = try teams.next() { aggregates.teams[row[0] ?? ""] = row[1] }
            let classes = try Row.fetchCursor(db, sql: sql(ReportSQL.errorClasses), arguments: ids)
            while let row = try classes.next() { aggregates.erroredByClass[row[0]] = row[1] }
            let tiers = try Row.fetchCursor(db, sql: sql(ReportSQL.tiers), arguments: ids)
            while let row = try tiers.next() { aggregates.tiers[row[0]] = RunAggregates.TierCounts(total: row[1], escalated: row[2] ?? 0) }
            aggregates.missedAlwaysIDs = try String.fetchAll(db, sql: sql(ReportSQL.tierIDs), arguments: ids + [EscalationTier.always.rawValue, 0])
            aggregates.falseEscalationIDs = try String.fetchAll(db, sql: sql(ReportSQL.tierIDs), arguments: ids + [EscalationTier.never.rawValue, 1])
            let latencies = try Double.fetchCursor(db, sql: sql(ReportSQL.latencies), arguments: ids)
            aggregates.latency = try RunAggregates.latencySummary(count: aggregates.results) { try latencies.next() }
            let flags = try Row.fetchCursor(db, sql: sql(ReportSQL.injections),
                                            arguments: ids + [ReportSQL.signalPattern(InputValidator.Signal.injection)])
            while let row = try flags.next() {
                aggregates.injections.append(RunAggregates.InjectionFlag(suite: row[0], scenarioID: row[1], repeatIndex: row[2], labelsDiffer: row[3]))
            }
            return aggregates
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
