import Foundation
import GRDB
import GRDBSQLite
import Testing
import TriageEngine
@testable import TriageEval

/// What only the SQLite backend has: a file that outlives the process, migrates forward from every earlier
/// version, and may be opened by several processes at once.
@Suite("SQLite store")
struct SQLiteStoreTests {
    @Test func aReopenedFileHasTheSameRuns() throws {
        let directory = try EvalFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("nested/runs.sqlite").path
        let id: Int64
        do {
            let store = try SQLiteStore(path: path)
            id = try store.startRun(SyntheticResults.run())
            try store.append(SyntheticResults.results, run: id)
            try store.finishRun(id, status: .completed)
        }
        // Migrations are idempotent: a second open changes nothing and sees everything.
        let reopened = try SQLiteStore(path: path)
        #expect(try reopened.run(id)?.status == .completed)
        #expect(try reopened.run(id)?.suites == ["s"])
        #expect(try reopened.results(run: id) == SyntheticResults.results)
        #expect(reopened.location == path)
    }

    @Test func removeDatabaseDeletesTheFileAndItsWAL() throws {
        let directory = try EvalFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("scratch.sqlite").path
        do {
            let store = try SQLiteStore(path: path)
            _ = try store.startRun(SyntheticResults.run())
        }
        #expect(FileManager.default.fileExists(atPath: path))
        SQLiteStore.removeDatabase(at: path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == [])
    }

    /// Before the fix, 4 connections opening a new file together failed in 10 of 40 trials with
    /// `duplicate column name: input_tokens` or `table "run" already exists` (issue 8, defect 3).
    @Test func concurrentFirstOpensOfANewFileAllSucceed() throws {
        let directory = try EvalFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for trial in 0..<30 {
            let path = directory.appendingPathComponent("race-\(trial).sqlite").path
            let lock = NSLock()
            nonisolated(unsafe) var failures: [String] = []
            DispatchQueue.concurrentPerform(iterations: 4) { _ in
                do { _ = try SQLiteStore(path: path) } catch { lock.withLock { failures.append("\(error)") } }
            }
            #expect(failures == [], "trial \(trial)")
            let migrated = try DatabaseQueue(path: path)
            #expect(try migrated.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier") }
                == Self.currentMigrations.sorted(), "trial \(trial)")
            try migrated.close()
        }
    }

    /// The connection that writes keeps statement journals in memory and a page cache that holds a commit's
    /// pages, and gives the cache back after a run; the reading connections keep SQLite's defaults. (With a
    /// temporary file, every `INSERT OR REPLACE` of a batch wrote the pages it changed to disk: 7.6 GB for a
    /// run of 100,000 results.)
    @Test func theWritingConnectionJournalsStatementsInMemory() throws {
        let directory = try EvalFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteStore(path: directory.appendingPathComponent("runs.sqlite").path)
        let written = try store.writer.write { db in
            (try Int.fetchOne(db, sql: "PRAGMA temp_store"), try Int.fetchOne(db, sql: "PRAGMA cache_size"))
        }
        #expect(written.0 == 2)
        #expect(written.1 == -SQLiteStore.writerCacheKiB)
        let read = try store.writer.read { db in
            (try Int.fetchOne(db, sql: "PRAGMA temp_store"), try Int.fetchOne(db, sql: "PRAGMA cache_size"))
        }
        #expect(read.0 == 0)
        #expect(read.1 == -2000)
        let id = try store.startRun(SyntheticResults.run())
        let results = (0..<400).map { ResultWriterTests.result($0) }
        try store.commit(results, run: id, replacing: false)
        func cacheBytes() throws -> Int32 {
            try store.writer.writeWithoutTransaction { db in
                var current: Int32 = 0
                var highest: Int32 = 0
                sqlite3_db_status(db.sqliteConnection, SQLITE_DBSTATUS_CACHE_USED, &current, &highest, 0)
                return current
            }
        }
        let filled = try cacheBytes()
        store.releaseWriteMemory()
        #expect(try cacheBytes() < filled)
        #expect(try store.resultCount(run: id) == 400)
    }

    /// Result rows are encoded by hand (the bulk writes): every column of the table, no other.
    @Test func aResultRecordWritesEveryColumnOfTheResultTable() throws {
        let store = try SQLiteStore(path: ":memory:")
        let columns = try store.writer.read { db in try db.columns(in: ResultRecord.databaseTableName).map(\.name) }
        var result = SyntheticResults.results[1]
        result.calls = [RunStoreTests.call("classify", hash: "h")]
        result.skippedAssertions = 2
        let written = try ResultRecord(result, run: 1).databaseDictionary
        #expect(Set(written.keys) == Set(columns))
        #expect(written["skipped_assertions"] == 2.databaseValue)
        #expect(written["call_count"] == 1.databaseValue)
        #expect(written["cost_usd"] == 0.5.databaseValue)
    }

    /// A file another machine's newer triage-eval migrated is refused, naming the versions, before anything is
    /// written; the file is left as it was.
    @Test func aFileFromANewerTriageEvalIsRefused() throws {
        let directory = try EvalFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("newer.sqlite").path
        _ = try SQLiteStore(path: path)
        let queue = try DatabaseQueue(path: path)
        // The migrations this build applied, in the order it applied them.
        let known = try queue.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid") }
        try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99: from the future')") }
        try queue.close()
        let newest = try #require(known.last)
        #expect(throws: NewerStoreSchema.self) { try SQLiteStore(path: path) }
        do { _ = try SQLiteStore(path: path) } catch {
            #expect("\(error)" == "migrated by a newer triage-eval (schema \"v99: from the future\"; this one knows up to \"\(newest)\"): upgrade triage-eval here, or use a store of its own")
        }
        let untouched = try DatabaseQueue(path: path)
        #expect(try untouched.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }.count == known.count + 1)
    }

    /// The first commit's v1 (labels as JSON) shares its migration name with the v1 that shipped; it is refused
    /// with a message, not read into errors later.
    @Test func thePreReleaseSchemaIsRefusedWithAMessage() throws {
        let directory = try EvalFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("pre.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: HistoricStores.steps[0].schema[0])
            try db.execute(sql: HistoricStores.steps[0].schema[1])
            try db.execute(sql: HistoricStores.steps[0].schema[2])
            try db.execute(sql: #"CREATE TABLE "result" ("run_id" INTEGER NOT NULL REFERENCES "run"("id") ON DELETE CASCADE, "ordinal" INTEGER NOT NULL, "suite" TEXT NOT NULL, "scenario_id" TEXT NOT NULL, "repeat_index" INTEGER NOT NULL, "status" TEXT NOT NULL, "expected_json" TEXT NOT NULL, "actual_json" TEXT, "checks_json" TEXT NOT NULL, "decision_json" TEXT, "expected_tier" TEXT, "latency_ms" DOUBLE NOT NULL, "error" TEXT, "error_class" TEXT, "tags_json" TEXT NOT NULL, PRIMARY KEY ("run_id", "suite", "scenario_id", "repeat_index"))"#)
            try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v1: runs, sources, results')")
        }
        try queue.close()
        #expect(throws: SQLiteStore.PreReleaseSchema.self) { try SQLiteStore(path: path) }
        do { _ = try SQLiteStore(path: path) } catch {
            #expect("\(error)" == "\(path) was written by a pre-release triage-eval whose results kept their labels as JSON (result.expected_json); it cannot be migrated: move it aside and run again")
        }
        // Refused before any migration touched it.
        let untouched = try DatabaseQueue(path: path)
        #expect(try untouched.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") } == ["v1: runs, sources, results"])
        #expect(try untouched.read { db in try db.columns(in: "result").contains { $0.name == "input_tokens" } } == false)
        try untouched.close()
    }

    /// In `ORDER BY identifier` order, as the checks read them ("v11: …" sorts before "v2: …").
    static let currentMigrations = (HistoricStores.steps.map(\.identifier) + ["v6: input signals on results", "v7: run suites",
                                                                              "v8: run selection and heartbeat", "v9: run groups",
                                                                              "v10: learning queue", "v11: result quality",
                                                                              "v12: report indexes", "v13: drop result_by_scenario"]).sorted()

    /// A database of every earlier schema version, written as that version wrote it, opens, migrates to the
    /// current schema (the same as a new file's) and reads back its runs, results, calls and baselines.
    @Test(arguments: 1...HistoricStores.steps.count)
    func anEarlierVersionMigratesForward(version: Int) throws {
        let directory = try EvalFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("v\(version).sqlite").path
        try HistoricStores.write(version: version, at: path)
        let store = try SQLiteStore(path: path)
        let fresh = try DatabaseQueue()
        _ = try SQLiteStore(fresh, path: ":memory:")
        #expect(try HistoricStores.schema(of: store.writer) == HistoricStores.schema(of: fresh))
        #expect(try store.writer.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier") }
            == Self.currentMigrations.sorted())

        let run = try #require(try store.run(1))
        #expect(run.status == .completed)
        #expect(run.suites == ["core", "a_b"])
        #expect(run.startedAt == Date(timeIntervalSince1970: 1_735_787_045))
        // Rows from before v8 ran every scenario and wrote no heartbeat.
        #expect(run.selection == nil)
        #expect(run.heartbeatAt == nil)
        #expect(run.engine == EngineDescription(classifier: "builtin-lexical", drafter: "templates", categories: ["billing", "how_to"],
                                                settings: ["concurrency": "4"]))
        #expect(run.gates.suites["core"]?.accuracy == 0.9)
        #expect(run.sources.map(\.path) == ["rules/escalation.yaml", "scenarios/core.yaml"])
        let results = try store.results(run: 1)
        #expect(results.map(\.scenarioID) == ["refund-1", "howto-1"])
        #expect(results.map(\.status) == [.passed, .failed])
        #expect(results[0].actual == ActualLabels(category: "billing", escalate: true, team: "billing", priority: "high", sentiment: "negative", churnRisk: false))
        #expect(results[1].failedChecks == [CheckOutcome(field: "category", expected: "how_to", actual: "billing", passed: false),
                                            CheckOutcome(field: "reply", expected: "mentions settings", actual: "no", passed: false)])
        #expect(try store.results(run: 1, detail: .summary).map(\.failedChecks) == results.map(\.failedChecks))
        let report = try #require(try RunReport.build(run: 1, store: store))
        #expect(report.scenarioCount == 2)
        #expect(try store.latestRunID(suite: "a_b") == 1)
        #expect(try store.completedRuns(suite: "core", limit: 5).map(\.id) == [1])

        if version >= 2 {
            #expect(try store.latestRunID(suite: "axb") == 2)
            #expect(try store.latestRunID(suite: "a_b", completedOnly: false) == 1)
            #expect(try store.calls(run: 2).map(\.model) == ["stub-model"])
            #expect(try store.results(run: 2, detail: .summary).map(\.costUSD) == [0.25])
            #expect(try store.request(hash: "abcd") == #"{"model":"stub-model"}"#)
            #expect(try store.cachedResponseCount() == 1)
        } else {
            #expect(try store.latestRunID(suite: "axb") == nil)
        }
        #expect(try store.baseline(suite: "core") == (version >= 3 ? 1 : nil))

        // And the migrated file keeps working.
        let next = try store.startRun(SyntheticResults.run())
        try store.append(SyntheticResults.results, run: next)
        #expect(try store.results(run: next) == SyntheticResults.results)
    }
}
