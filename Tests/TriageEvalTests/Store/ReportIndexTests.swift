import Foundation
import GRDB
import Testing
import TriageEngine
@testable import TriageEval

/// SQLite reads a report from the covering indexes of v12 (`result_groups`, `result_lines`), never from the
/// result rows with their decision JSON, and groups without sorting: each statement's query plan says so.
@Suite struct ReportIndexTests {
    /// The query plan of `sql` with `arguments`, one detail line per step.
    static func plan(_ store: SQLiteStore, _ sql: String, _ arguments: StatementArguments) throws -> [String] {
        try store.writer.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String }
        }
    }

    @Test func theGroupsAreReadInIndexOrderWithoutASort() throws {
        let store = try SQLiteStore(path: ":memory:")
        for runs in [[Int64(1)], [1, 2]] {
            let sql = ReportSQL.runList(ReportSQL.groups, runs: runs.count)
            #expect(try Self.plan(store, sql, StatementArguments(runs)) == ["SEARCH result USING COVERING INDEX result_groups (run_id=?)"])
        }
        let latencies = try Self.plan(store, ReportSQL.runList(ReportSQL.latencies, runs: 1), [1])
        #expect(latencies == ["SEARCH result USING COVERING INDEX result_groups (run_id=?)", "USE TEMP B-TREE FOR ORDER BY"])
        let injections = try Self.plan(store, ReportSQL.runList(ReportSQL.injections, runs: 1), [1, ReportSQL.signalPattern("prompt_injection")])
        #expect(injections == ["SEARCH result USING COVERING INDEX result_lines (run_id=?)"])
    }

    /// What gates read besides the aggregates comes from the covering indexes too; the stored-order reads of one
    /// run need no sort, and a suite's latency ranks sort only doubles.
    @Test(arguments: [false, true])
    func gateReadingsReadTheIndexes(suite: Bool) throws {
        let store = try SQLiteStore(path: ":memory:")
        func sql(_ text: String) -> String { ReportSQL.suiteCondition(ReportSQL.runList(text, runs: 1), suite: suite) }
        let scope: StatementArguments = suite ? [1, "alpha"] : [1]
        let index = suite ? "(run_id=? AND suite=?)" : "(run_id=?)"
        #expect(try Self.plan(store, sql(ReportSQL.latencyRanks), scope + [2, 5])
                == ["SEARCH result USING COVERING INDEX result_groups \(index)", "USE TEMP B-TREE FOR ORDER BY"])
        #expect(try Self.plan(store, sql(ReportSQL.slowIDs), scope + [100.0, 20]) == ["SEARCH result USING COVERING INDEX result_lines (run_id=?)"])
        #expect(try Self.plan(store, sql(ReportSQL.costs), scope) == ["SEARCH result USING COVERING INDEX result_lines (run_id=?)"])
    }

    @Test(arguments: [(nil, false, false), (["alpha", "beta"], false, false), (nil, true, false), (nil, false, true)] as [([String]?, Bool, Bool)])
    func theLinesAreReadInRunOrderFromTheIndex(suites: [String]?, failuresOnly: Bool, scoredOnly: Bool) throws {
        let store = try SQLiteStore(path: ":memory:")
        let request = SQLiteStore.lines(runs: [1], suites: suites, failuresOnly: failuresOnly, scoredOnly: scoredOnly)
        let (sql, arguments) = try store.writer.read { db in
            let statement = try request.makePreparedRequest(db).statement
            return (statement.sql, statement.arguments)
        }
        let plan = try Self.plan(store, sql, arguments)
        #expect(plan == ["SEARCH result USING COVERING INDEX result_lines (run_id=?)"])
    }

    /// A store written before v12 (no covering indexes) gets them from its rows when it migrates, and its
    /// report is the one the rows give.
    @Test func aStoreOfAnEarlierVersionGetsTheIndexesFilledFromItsRows() throws {
        let directory = try EvalFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("v5.sqlite").path
        try HistoricStores.write(version: HistoricStores.steps.count, at: path)
        let store = try SQLiteStore(path: path)
        let indexed = try store.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM result INDEXED BY result_groups WHERE run_id = 1")
        }
        #expect(indexed == 2)
        let aggregates = try store.aggregates(runs: [1])
        #expect(aggregates == RunAggregates(results: try store.results(run: 1, detail: .summary)))
        #expect(aggregates.results == 2 && aggregates.passed == 1)
    }
}
