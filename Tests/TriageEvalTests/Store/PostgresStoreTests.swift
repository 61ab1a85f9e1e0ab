import Foundation
import GRDB
import LoopbackServer
import Testing
import TriageEngine
@testable import TriageEval

/// What only the PostgreSQL backend has: URLs that must never carry a password, a server that may be away,
/// many processes migrating one new database at once, and a cache shared by every runner. What both
/// backends must do is in ``RunStoreTests``, which runs on PostgreSQL too.
@Suite("PostgreSQL store")
struct PostgresStoreTests {
    static let needsServer = Testing.ConditionTrait.enabled(if: !PostgresTestDatabase.isSkipped, "TRIAGE_EVAL_SKIP_POSTGRES=1")

    // MARK: URLs (no server needed)

    @Test(arguments: [
        ("postgresql://ci@db.example:6543/evals", ["db.example:6543"], "evals", "ci"),
        ("postgres://ci@127.0.0.1/evals?sslmode=disable", ["127.0.0.1:5432"], "evals", "ci"),
        ("postgresql://h1:5432,h2:5433/team%20runs", ["h1:5432", "h2:5433"], "team runs", nil),
        ("postgresql://ci@[::1]:5433/evals", ["[::1]:5433"], "evals", "ci"),
    ] as [(String, [String], String, String?)])
    func validURLsAreRead(text: String, servers: [String], database: String, user: String?) throws {
        let url = try PostgresURL(text)
        #expect(url.servers == servers)
        #expect(url.database == database)
        #expect(url.user == user)
        #expect(url.text == text)
        #expect(try StoreLocation.parse(text) == .postgres(url))
    }

    @Test(arguments: [
        ("postgresql://ci:s3cret-pw@db:5432/evals",
         "postgresql://ci:***@db:5432/evals: a password in the URL would be written to logs, reports and stored runs; remove it and set PGPASSWORD or put it in ~/.pgpass"),
        ("postgresql://ci@db/evals?sslmode=require&password=s3cret-pw",
         "postgresql://ci@db/evals?sslmode=require&password=***: a password in the URL would be written to logs, reports and stored runs; remove it and set PGPASSWORD or put it in ~/.pgpass"),
        ("postgresql://ci@db:5432",
         "postgresql://ci@db:5432: expected a database name after the host, as in postgresql://user@host:port/dbname"),
        ("postgresql://ci@db:5432/",
         "postgresql://ci@db:5432/: expected a database name after the host, as in postgresql://user@host:port/dbname"),
        ("postgresql://ci@db:54x2/evals", "postgresql://ci@db:54x2/evals: port \"54x2\" is not a number from 1 to 65535"),
        ("postgresql://ci@db:70000/evals", "postgresql://ci@db:70000/evals: port \"70000\" is not a number from 1 to 65535"),
        ("postgresql://ci@db/evals/extra",
         "postgresql://ci@db/evals/extra: \"evals/extra\" is not a database name (it holds a \"/\"); expected postgresql://user@host:port/dbname"),
        ("postgresql://ci@db/evals?colour=blue", "postgresql://ci@db/evals?colour=blue: invalid URI query parameter: \"colour\""),
        ("mysql://ci@db/evals",
         "mysql://ci@db/evals: unsupported store URL scheme \"mysql\"; expected a SQLite file path or postgresql://user@host:port/dbname"),
    ])
    func badURLsAreRefusedWithoutEchoingAPassword(text: String, message: String) throws {
        let error = #expect(throws: StoreLocationError.self) { try StoreLocation.parse(text) }
        #expect(error?.description == message)
        #expect(error?.description.contains("s3cret") == false)
    }

    @Test func theLocationComesFromTheOptionThenTheEnvironmentThenTheDefault() throws {
        let url = "postgresql://ci@db/evals"
        #expect(try StoreLocation.resolve(option: nil, environment: [:]) == .sqlite(path: "reports/triage-eval.sqlite"))
        #expect(try StoreLocation.resolve(option: nil, environment: ["TRIAGE_EVAL_DB": ""]) == .sqlite(path: "reports/triage-eval.sqlite"))
        #expect(try StoreLocation.resolve(option: nil, environment: ["TRIAGE_EVAL_DB": url]) == .postgres(try PostgresURL(url)))
        #expect(try StoreLocation.resolve(option: "runs.sqlite", environment: ["TRIAGE_EVAL_DB": url]) == .sqlite(path: "runs.sqlite"))
        #expect(StoreLocation.sqlite(path: "a/b.sqlite").description == "a/b.sqlite")
        #expect(StoreLocation.postgres(try PostgresURL(url)).description == url)
    }

    @Test func placeholdersAreNumberedOutsideQuotesAndComments() {
        let sql = "SELECT ?, '?', \"col?\", 'it''s ?' -- why?\n, ? /* not ? here */ FROM t WHERE a = ? AND b = ?"
        #expect(PostgresConnection.numberedPlaceholders(sql)
            == "SELECT $1, '?', \"col?\", 'it''s ?' -- why?\n, $2 /* not ? here */ FROM t WHERE a = $3 AND b = $4")
    }

    /// Port 1 on the loopback interface: nothing listens there, so the connection is refused at once.
    @Test func anUnreachableServerIsNamedWithHostAndPort() throws {
        let error = #expect(throws: PostgresError.self) { try PostgresStore(url: "postgresql://ci@127.0.0.1:1/evals") }
        #expect(error?.isConnectionFailure == true)
        #expect(error?.description.hasPrefix("cannot connect to PostgreSQL at 127.0.0.1:1: connection to server at \"127.0.0.1\", port 1 failed: Connection refused") == true)
    }

    // MARK: A real server

    /// Eight processes' worth of connections open one new database at once: each migration runs under the
    /// advisory lock and checks again under it, so every open succeeds and each version is applied once.
    @Test(Self.needsServer) func concurrentFirstOpensOfANewDatabaseAllSucceed() throws {
        for trial in 0..<3 {
            let database = try PostgresTestDatabase()
            defer { database.drop() }
            let lock = NSLock()
            nonisolated(unsafe) var failures: [String] = []
            DispatchQueue.concurrentPerform(iterations: 8) { _ in
                do { _ = try database.store() } catch { lock.withLock { failures.append("\(error)") } }
            }
            #expect(failures == [], "trial \(trial)")
            let connection = try PostgresConnection(url: database.url)
            let versions = try connection.execute("SELECT version FROM schema_migrations ORDER BY version").column(String.self)
            #expect(versions == PostgresStore.migrations.map(\.version).sorted(), "trial \(trial)")
        }
    }

    /// The few rows a report reads besides its aggregates (failures, scored conversations, input signals) are
    /// found through the partial indexes of v6: with sequential scans priced out, each statement's plan names its
    /// index (a condition the planner could not match to the index's would scan `result` instead).
    @Test(Self.needsServer) func theFewRowsAReportReadsAreFoundThroughPartialIndexes() throws {
        let database = try PostgresTestDatabase()
        defer { database.drop() }
        _ = try database.store()
        let connection = try PostgresConnection(url: database.url)
        try connection.executeScript("SET enable_seqscan = off; SET enable_bitmapscan = off")
        let statements: [(sql: String, arguments: [DatabaseValue], index: String)] = [
            (PostgresStore.linesSQL(runs: 1, suites: nil, failuresOnly: true), [1.databaseValue], "result_failures"),
            (PostgresStore.linesSQL(runs: 2, suites: nil, failuresOnly: true), [1.databaseValue, 2.databaseValue], "result_failures"),
            (PostgresStore.linesSQL(runs: 1, suites: nil, failuresOnly: false, scoredOnly: true), [1.databaseValue], "result_scored"),
            (ReportSQL.runList(ReportSQL.injections, runs: 1), [1.databaseValue, ReportSQL.signalPattern("prompt_injection").databaseValue], "result_signalled"),
        ]
        for statement in statements {
            let plan = try connection.execute("EXPLAIN " + statement.sql, statement.arguments).column(String.self).joined(separator: "\n")
            #expect(plan.contains("Index Scan using \(statement.index) on result"), "\(statement.sql)\n\(plan)")
        }
    }

    @Test(Self.needsServer) func theLocationIsTheURLAndStatementErrorsNameTheServer() throws {
        let database = try PostgresTestDatabase()
        defer { database.drop() }
        let store = try database.store()
        #expect(store.location == database.url.text)
        let connection = try PostgresConnection(url: database.url)
        let error = #expect(throws: PostgresError.self) { try connection.execute("SELECT * FROM no_such_table") }
        #expect(error?.sqlState == "42P01")
        #expect(error?.description == "PostgreSQL at \(database.url.serverDescription) refused a statement (SQLSTATE 42P01): relation \"no_such_table\" does not exist")
    }

    /// Values of every column type come back as they went in: dates to the millisecond (as SQLite keeps
    /// them), blobs byte for byte, booleans as Bool, NULLs as NULL.
    @Test(Self.needsServer) func valuesRoundTrip() throws {
        let database = try PostgresTestDatabase()
        defer { database.drop() }
        let connection = try PostgresConnection(url: database.url)
        try connection.executeScript("CREATE TABLE t (d TIMESTAMPTZ, b BYTEA, f BOOLEAN, x DOUBLE PRECISION, s TEXT, n BIGINT)")
        let date = Date(timeIntervalSince1970: 1_700_000_000.125)
        let bytes = Data([0, 1, 0x7f, 0x80, 0xff, 0x5c, 0x27])
        try connection.execute("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)", values: [date, bytes, true, 0.1, "é '?' \\ end", nil])
        let row = try connection.execute("SELECT * FROM t")
        #expect(row.get(0, 0, as: Date.self) == date)
        #expect(row.get(0, 1, as: Data.self) == bytes)
        #expect(row.get(0, 2, as: Bool.self) == true)
        #expect(row.get(0, 3, as: Double.self) == 0.1)
        #expect(row.get(0, 4, as: String.self) == "é '?' \\ end")
        #expect(row.value(0, 5).isNull)
    }

    /// A cursor reads rows in binary form (no digits to parse): the values are those of the text form, and the
    /// typed readers give the same in both forms, NULL as nil.
    @Test(Self.needsServer) func binaryRowsReadAsTextRowsDo() throws {
        let database = try PostgresTestDatabase()
        defer { database.drop() }
        let connection = try PostgresConnection(url: database.url)
        try connection.executeScript("CREATE TABLE n (k INTEGER, a SMALLINT, b INTEGER, c BIGINT, d REAL, e DOUBLE PRECISION, f BOOLEAN, g TEXT, h BYTEA)")
        try connection.execute("INSERT INTO n VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?), (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
                               values: [-7, -70_000, Int64.min, 1.5, -0.1, true, "é '?'", Data([0, 0xff])])
        let sql = "SELECT * FROM n ORDER BY k"
        let text = try connection.execute(sql)
        var batches: [PostgresResult] = []
        try connection.forEachBatch(sql, [], batchSize: 10) { batches.append($0) }
        let binary = try #require(batches.first)
        #expect(binary.binary && !text.binary && binary.rowCount == 2)
        for result in [text, binary] {
            for row in 0..<2 {
                for column in 0..<9 { #expect(result.value(row, column) == text.value(row, column), "row \(row) column \(column)") }
            }
            #expect(result.integer(0, 1) == -7 && result.integer(0, 2) == -70_000 && result.integer(0, 3) == Int(Int64.min))
            #expect(result.real(0, 4) == 1.5 && result.real(0, 5) == -0.1 && result.flag(0, 6) == true && result.text(0, 7) == "é '?'")
            #expect(result.get(0, 8, as: Data.self) == Data([0, 0xff]))
            #expect(result.integer(1, 1) == nil && result.real(1, 5) == nil && result.flag(1, 6) == nil && result.text(1, 7) == nil)
        }
    }

    /// Two runners (two stores, as two processes would open them) share one database: the second run is
    /// answered entirely from the responses the first cached, and sees the first's baseline.
    @Test(Self.needsServer) func aRerunOnAnotherRunnerIsAnsweredFromTheSharedCache() async throws {
        let database = try PostgresTestDatabase()
        defer { database.drop() }
        let stub = try OpenAIStub(promptTokens: 100, completionTokens: 20, answer: ModelRunTests.oracle)
        defer { stub.stop() }
        let model = ModelRunTests()
        let workspace = try model.workspace(stub)
        let first = try database.store()
        let recorded = try await model.run(workspace, store: first)
        #expect(recorded.status == .completed)
        #expect(stub.requestCount == 6)
        try first.setBaseline(suite: "smoke", run: recorded.runID)

        let second = try database.store()
        let replay = try await model.run(workspace, store: second, cache: .replayOnly)
        #expect(replay.status == .completed)
        #expect(stub.requestCount == 6)
        #expect(try second.calls(run: replay.runID).allSatisfy(\.cached))
        #expect(try second.results(run: replay.runID).map(\.actual) == (try first.results(run: recorded.runID)).map(\.actual))
        #expect(try second.baseline(suite: "smoke") == recorded.runID)
        #expect(try second.cachedResponseCount() == 6)
    }

    /// Eight stores (as eight runners would open them) write at once: each its own run through the group-committing
    /// writer, and all of them the same cache keys. No result is lost or doubled, and each key keeps one response.
    @Test(Self.needsServer) func manyRunnersWritingAtOnceLoseNothing() async throws {
        let database = try PostgresTestDatabase()
        defer { database.drop() }
        let stores = try (0..<8).map { _ in try database.store() }
        let template = SyntheticResults.results
        let ids = try stores.map { try $0.startRun(SyntheticResults.run()) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (store, id) in zip(stores, ids) {
                group.addTask {
                    let writer = ResultWriter(store: store, runID: id)
                    for index in 0..<500 {
                        var result = template[index % template.count]
                        result.ordinal = index
                        result.repeatIndex = index / template.count
                        try writer.add(result)
                    }
                    try writer.close()
                    for key in 0..<20 {
                        try await store.cacheResponse(CachedResponse(body: Data("\(id)".utf8), status: 200, latencyMs: 1, inputTokens: 1, outputTokens: 1),
                                                      key: "k\(key)", run: id)
                    }
                }
            }
            try await group.waitForAll()
        }
        for id in ids { #expect(try stores[0].resultCount(run: id) == 500) }
        #expect(try stores[0].cachedResponseCount() == 20)
        let owners = try stores[0].cachedResponseRuns(keys: (0..<20).map { "k\($0)" })
        #expect(owners.count == 20)
        for (key, run) in owners { #expect(try await stores[0].cachedResponse(key: key)?.body == Data("\(run)".utf8)) }
    }

    /// A store written before v7 (each decision inline in its result row) migrates: every decision moves to
    /// `result_decision`, the column leaves `result`, and the results (decisions, errored ones, reports) read back
    /// as they were stored.
    /// A database a newer triage-eval migrated is refused by this one, naming the versions (runners upgrade one
    /// at a time; an older one would write rows the newer schema does not have).
    @Test(Self.needsServer) func aDatabaseFromANewerTriageEvalIsRefused() throws {
        let database = try PostgresTestDatabase()
        defer { database.drop() }
        _ = try database.store()
        let connection = try PostgresConnection(url: database.url)
        try connection.execute("INSERT INTO schema_migrations (version) VALUES ('v99: from the future')")
        let newest = try #require(PostgresStore.migrations.last?.version)
        #expect(throws: NewerStoreSchema.self) { try database.store() }
        do { _ = try database.store() } catch {
            #expect("\(error)" == "migrated by a newer triage-eval (schema \"v99: from the future\"; this one knows up to \"\(newest)\"): upgrade triage-eval here, or use a store of its own")
        }
    }

    @Test(Self.needsServer) func aStoreFromBeforeV7KeepsEveryDecision() throws {
        let database = try PostgresTestDatabase()
        defer { database.drop() }
        let connection = try PostgresConnection(url: database.url)
        let v6 = Array(PostgresStore.migrations.prefix { !$0.version.hasPrefix("v7:") })
        #expect(v6.count == 6)
        try PostgresStore.migrate(connection, location: database.url.text, versions: v6)
        let id = try #require(try connection.execute("""
            INSERT INTO run (status, started_at, tool_version, engine_json, gates_json, planned_results, suites, pid, host)
            VALUES ('completed', now(), 'test', '{}', '{}', 5, 's', 1, 'h') RETURNING id
            """).get(0, 0, as: Int64.self))
        // The rows as v6 wrote them: every column of a result record, the decision among them.
        let records = SyntheticResults.results.map { ResultRecord($0, run: id) }
        let columns = ResultRecord.CodingKeys.allCases
        try PostgresStore.upsert(into: "result", columns: columns.map(\.rawValue),
                                 rows: records.map { record in columns.map { record.value(of: $0)?.databaseValue ?? .null } },
                                 key: ["run_id", "suite", "scenario_id", "repeat_index"], replacing: true, connection)

        let store = try database.store()
        #expect(try store.results(run: id) == SyntheticResults.results)
        #expect(try store.results(run: id).compactMap(\.decision).count == 4)
        let left = try connection.execute("SELECT column_name FROM information_schema.columns WHERE table_name = 'result' AND column_name = 'decision_json'")
        #expect(left.rowCount == 0)
        let moved = try connection.execute("SELECT count(*), count(decision_json) FROM result_decision WHERE run_id = ?", values: [id])
        #expect(moved.get(0, 0, as: Int.self) == 5 && moved.get(0, 1, as: Int.self) == 4)
        #expect(try store.aggregates(runs: [id]) == RunAggregates(results: SyntheticResults.results))
    }

    /// A million-row read goes through a cursor in batches; a run larger than one batch comes back whole and in order.
    @Test(Self.needsServer) func resultsLargerThanOneBatchComeBackInOrder() throws {
        let database = try PostgresTestDatabase()
        defer { database.drop() }
        let store = try database.store()
        let id = try store.startRun(SyntheticResults.run())
        let template = SyntheticResults.results
        let results = (0..<12_000).map { index -> ScenarioResult in
            var result = template[index % template.count]
            result.ordinal = index
            result.repeatIndex = index / template.count
            return result
        }
        try store.append(results, run: id)
        #expect(try store.resultCount(run: id) == 12_000)
        let loaded = try store.results(run: id, detail: .summary)
        #expect(loaded.map(\.ordinal) == Array(0..<12_000))
        #expect(try store.finishedKeys(run: id).count == results.filter { $0.status != .errored }.count)
    }
}
