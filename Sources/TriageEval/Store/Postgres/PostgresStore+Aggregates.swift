import Foundation
import GRDB
import TriageEngine

extension PostgresStore {
    /// What a report counts over the results of `runs`, in SQL (``ReportSQL``'s statements, as SQLite runs
    /// them): the groups in one hashed pass, the injection flags and the latencies through a cursor in binary.
    public func aggregates(runs: [Int64]) throws -> RunAggregates {
        guard !runs.isEmpty else { return RunAggregates() }
        let ids: [DatabaseValue] = runs.map(\.databaseValue)
        func sql(_ text: String) -> String { ReportSQL.runList(text, runs: runs.count) }
        return try read { connection in
            var groups: [RunAggregates.Group] = []
            var signalled = 0
            let fields = ScoredField.allCases.count
            // The planner guesses a run's groups from each column's statistics (200,000 for a million results where
            // there are a few hundred) and then sorts every row, spilling to disk; with memory for a hash table
            // it hashes them in one pass instead. JIT compiling costs more than it saves on one pass. Not through
            // a cursor, which never runs in parallel workers: the groups are few.
            let rows = try connection.transaction {
                try connection.executeScript("SET LOCAL work_mem = '64MB'; SET LOCAL jit = off")
                return try connection.execute(sql(ReportSQL.groups), ids)
            }
            for row in 0..<rows.rowCount {
                var held: [Int] = []
                var made: [Int] = []
                for position in 0..<fields {
                    held.append(rows.get(row, 12 + 2 * position) ?? 0)
                    made.append(rows.get(row, 13 + 2 * position) ?? 0)
                }
                signalled += rows.get(row, 26) ?? 0
                groups.append(RunAggregates.Group(runID: rows.get(row, 0) ?? 0, ordinal: rows.get(row, 10) ?? 0, suite: rows.get(row, 1) ?? "",
                                                  scenarioID: rows.get(row, 2) ?? "", status: rows.get(row, 3) ?? "",
                                                  expectedCategory: rows.get(row, 4), actualCategory: rows.get(row, 5),
                                                  expectedTier: rows.get(row, 6), actualEscalate: rows.get(row, 7), actualTeam: rows.get(row, 8),
                                                  errorClass: rows.get(row, 9), count: rows.get(row, 11) ?? 0, held: held, made: made,
                                                  replyFailed: rows.get(row, 27) ?? 0))
            }
            var injections: [RunAggregates.InjectionFlag] = []
            if signalled > 0 {
                let pattern = ReportSQL.signalPattern(InputValidator.Signal.injection).databaseValue
                try connection.forEachBatch(sql(ReportSQL.injections), ids + [pattern], batchSize: 20_000) { rows in
                    for row in 0..<rows.rowCount {
                        injections.append(RunAggregates.InjectionFlag(suite: rows.get(row, 0) ?? "", scenarioID: rows.get(row, 1) ?? "",
                                                                      repeatIndex: rows.get(row, 2) ?? 0, labelsDiffer: rows.get(row, 3) ?? false))
                    }
                }
            }
            let count = groups.reduce(0) { $0 + $1.count }
            var latencies: [Double] = []
            latencies.reserveCapacity(count)
            try connection.forEachBatch(sql(ReportSQL.latencies), ids, batchSize: 50_000) { batch in
                for row in 0..<batch.rowCount { latencies.append(batch.real(row, 0) ?? 0) }
            }
            var next = latencies.makeIterator()
            let latency = try RunAggregates.latencySummary(count: count) { next.next() }
            return RunAggregates(groups: groups, injections: injections, latency: latency)
        }
    }

    /// Hands the results of `runs` to `body` one at a time from a cursor, in run order and summary detail.
    public func forEachResult(runs: [Int64], suites: [String]?, failuresOnly: Bool, _ body: (ScenarioResult) throws -> Void) throws {
        guard !runs.isEmpty, suites?.isEmpty != true else { return }
        try forEachSummary(Self.linesSQL(runs: runs.count, suites: suites?.count, failuresOnly: failuresOnly),
                           runs.map(\.databaseValue) + (suites ?? []).map(\.databaseValue), body)
    }

    /// Hands the results of `runs` whose conversations were scored to `body`, in run order and summary detail.
    public func forEachScoredResult(runs: [Int64], _ body: (ScenarioResult) throws -> Void) throws {
        guard !runs.isEmpty else { return }
        try forEachSummary(Self.linesSQL(runs: runs.count, suites: nil, failuresOnly: false, scoredOnly: true), runs.map(\.databaseValue), body)
    }

    /// The summary results of `runs` run ids in run order: of `suites` suite names unless nil, only those that did
    /// not pass with `failuresOnly`, only the scored ones with `scoredOnly`. Arguments: the run ids, then the suites.
    /// The conditions are literals, not parameters, so the planner matches the partial indexes of v6
    /// (`result_failures`, `result_scored`).
    static func linesSQL(runs: Int, suites: Int?, failuresOnly: Bool, scoredOnly: Bool = false) -> String {
        var conditions = ["run_id IN (\(Array(repeating: "?", count: runs).joined(separator: ", ")))"]
        if let suites { conditions.append("suite IN (\(Array(repeating: "?", count: suites).joined(separator: ", ")))") }
        if failuresOnly { conditions.append("status <> '\(ScenarioResult.Status.passed.rawValue)'") }
        if scoredOnly { conditions.append("quality_json IS NOT NULL") }
        return "SELECT \(summaryColumns) FROM result WHERE \(conditions.joined(separator: " AND ")) ORDER BY ordinal, repeat_index, run_id"
    }

    /// Hands the rows of `sql` to `body` as summary results, from a cursor.
    private func forEachSummary(_ sql: String, _ arguments: [DatabaseValue], _ body: (ScenarioResult) throws -> Void) throws {
        try read { connection in
            try connection.forEachBatch(sql, arguments) { batch in
                for row in 0..<batch.rowCount { try body(try ResultSummaryColumn.result(from: PostgresSummaryRow(result: batch, index: row))) }
            }
        }
    }
}

extension PostgresStore {
    /// What gates read besides the aggregates (``ReportSQL/latencyRanks``, ``ReportSQL/slowIDs``,
    /// ``ReportSQL/costs``, as SQLite runs them).
    public func gateReadings(runs: [Int64], suite: String?, latencyRanks: ClosedRange<Int>?, slowerThan: Double?, costs: Bool) throws -> GateReadings {
        guard !runs.isEmpty else { return GateReadings() }
        let scope: [DatabaseValue] = runs.map(\.databaseValue) + (suite.map { [$0.databaseValue] } ?? [])
        func sql(_ text: String) -> String { ReportSQL.suiteCondition(ReportSQL.runList(text, runs: runs.count), suite: suite != nil) }
        return try read { connection in
            var readings = GateReadings()
            if let ranks = latencyRanks {
                let rows = try connection.execute(sql(ReportSQL.latencyRanks), scope + [ranks.count.databaseValue, ranks.lowerBound.databaseValue])
                readings.latencies = (0..<rows.rowCount).map { rows.get($0, 0, as: Double.self) ?? 0 }
            }
            if let threshold = slowerThan {
                let rows = try connection.execute(sql(ReportSQL.slowIDs), scope + [threshold.databaseValue, GateTally.listed.databaseValue])
                readings.slowIDs = (0..<rows.rowCount).map { rows.get($0, 0, as: String.self) ?? "" }
            }
            if costs {
                try connection.forEachBatch(sql(ReportSQL.costs), scope, batchSize: 50_000) { batch in
                    for row in 0..<batch.rowCount { readings.costUSD += batch.get(row, 0, as: Double.self) ?? 0 }
                }
            }
            return readings
        }
    }
}
