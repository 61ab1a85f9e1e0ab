import Foundation
import GRDB
import TriageEngine

extension SQLiteStore {
    /// What a report counts over the results of `runs`, in SQL (``ReportSQL``), inside one read transaction.
    /// Every statement reads the covering indexes of v12 (``registerReportIndexMigration(in:)``), never a row.
    public func aggregates(runs: [Int64]) throws -> RunAggregates {
        guard !runs.isEmpty else { return RunAggregates() }
        let ids = StatementArguments(runs)
        func sql(_ text: String) -> String { ReportSQL.runList(text, runs: runs.count) }
        return try writer.read { db in
            var groups: [RunAggregates.Group] = []
            var signalled = 0
            let fields = ScoredField.allCases.count
            let rows = try Row.fetchCursor(db, sql: sql(ReportSQL.groups), arguments: ids)
            while let row = try rows.next() {
                var held: [Int] = []
                var made: [Int] = []
                for position in 0..<fields {
                    held.append(row[12 + 2 * position] ?? 0)
                    made.append(row[13 + 2 * position] ?? 0)
                }
                signalled += row[26] ?? 0
                groups.append(RunAggregates.Group(runID: row[0], ordinal: row[10], suite: row[1], scenarioID: row[2], status: row[3],
                                                  expectedCategory: row[4], actualCategory: row[5], expectedTier: row[6], actualEscalate: row[7],
                                                  actualTeam: row[8], errorClass: row[9], count: row[11], held: held, made: made,
                                                  replyFailed: row[27] ?? 0))
            }
            var injections: [RunAggregates.InjectionFlag] = []
            if signalled > 0 {
                let pattern = ReportSQL.signalPattern(InputValidator.Signal.injection)
                let flagged = try Row.fetchCursor(db, sql: sql(ReportSQL.injections), arguments: ids + [pattern])
                while let row = try flagged.next() {
                    injections.append(RunAggregates.InjectionFlag(suite: row[0], scenarioID: row[1], repeatIndex: row[2], labelsDiffer: row[3]))
                }
            }
            let count = groups.reduce(0) { $0 + $1.count }
            let latencies = try Double.fetchCursor(db, sql: sql(ReportSQL.latencies), arguments: ids)
            let latency = try RunAggregates.latencySummary(count: count) { try latencies.next() }
            return RunAggregates(groups: groups, injections: injections, latency: latency)
        }
    }

    /// Hands the results of `runs` to `body` one at a time from a cursor, in run order and summary detail.
    public func forEachResult(runs: [Int64], suites: [String]?, failuresOnly: Bool, _ body: (ScenarioResult) throws -> Void) throws {
        try forEachSummary(Self.lines(runs: runs, suites: suites, failuresOnly: failuresOnly), body)
    }

    /// Hands the results of `runs` whose conversations were scored to `body`, in run order and summary detail.
    public func forEachScoredResult(runs: [Int64], _ body: (ScenarioResult) throws -> Void) throws {
        try forEachSummary(Self.lines(runs: runs, suites: nil, failuresOnly: false, scoredOnly: true), body)
    }

    /// The summary results of `runs` in run order: only those of `suites` unless nil, only those that did not
    /// pass with `failuresOnly`, only the scored ones with `scoredOnly`. Every column it reads is in the covering
    /// index `result_lines` (v12), in its order, so SQLite reads neither a row nor a sort.
    static func lines(runs: [Int64], suites: [String]?, failuresOnly: Bool, scoredOnly: Bool = false) -> QueryInterfaceRequest<Row> {
        var request = ResultRecord.filter(runs.contains(ResultRecord.Columns.runID))
        if let suites { request = request.filter(suites.contains(ResultRecord.Columns.suite)) }
        if failuresOnly { request = request.filter(Column(ResultRecord.CodingKeys.status) != ScenarioResult.Status.passed.rawValue) }
        if scoredOnly { request = request.filter(Column(ResultRecord.CodingKeys.qualityJSON) != nil) }
        // Ordinal first: a group's shards interleave as one run stores them; one run's id is constant and ignored.
        return request.order(ResultRecord.Columns.ordinal, ResultRecord.Columns.repeatIndex, ResultRecord.Columns.runID)
            .select(ResultSummaryColumn.selection, as: Row.self)
    }

    /// Hands the rows of `request` to `body` as summary results, from a cursor inside one read transaction.
    private func forEachSummary(_ request: QueryInterfaceRequest<Row>, _ body: (ScenarioResult) throws -> Void) throws {
        try writer.read { db in
            let cursor = try Row.fetchCursor(db, request)
            while let row = try cursor.next() { try body(try ResultSummaryColumn.result(from: row)) }
        }
    }
}

extension SQLiteStore {
    /// What gates read besides the aggregates, in SQL (``ReportSQL/latencyRanks``, ``ReportSQL/slowIDs``,
    /// ``ReportSQL/costs``) inside one read transaction; each reads the covering indexes of v12.
    public func gateReadings(runs: [Int64], suite: String?, latencyRanks: ClosedRange<Int>?, slowerThan: Double?, costs: Bool) throws -> GateReadings {
        guard !runs.isEmpty else { return GateReadings() }
        let scope = StatementArguments(runs) + StatementArguments(suite.map { [$0] } ?? [])
        func sql(_ text: String) -> String { ReportSQL.suiteCondition(ReportSQL.runList(text, runs: runs.count), suite: suite != nil) }
        return try writer.read { db in
            var readings = GateReadings()
            if let ranks = latencyRanks {
                readings.latencies = try Double.fetchAll(db, sql: sql(ReportSQL.latencyRanks), arguments: scope + [ranks.count, ranks.lowerBound])
            }
            if let threshold = slowerThan {
                readings.slowIDs = try String.fetchAll(db, sql: sql(ReportSQL.slowIDs), arguments: scope + [threshold, GateTally.listed])
            }
            if costs {
                let cursor = try Double.fetchCursor(db, sql: sql(ReportSQL.costs), arguments: scope)
                while let cost = try cursor.next() { readings.costUSD += cost }
            }
            return readings
        }
    }
}
