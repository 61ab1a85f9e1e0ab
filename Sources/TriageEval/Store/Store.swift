import Foundation
import GRDB
import TriageEngine

/// The SQLite store of runs and results. Every run keeps the content hashes of the files it used so runs
/// can be compared; results are written as they complete, in transactions, so an interrupted run keeps
/// what it finished and is marked interrupted, never complete.
///
/// Labels, verdicts and the deciding rule are real columns, so reports over millions of results read
/// columns and never decode the JSON kept for audit (the full decision and every check).
public struct Store: Sendable {
    let writer: any DatabaseWriter
    /// The database file path, or `:memory:`.
    public let path: String

    /// How much of a result to load.
    public enum Detail: Sendable {
        /// Labels, verdicts, the failed checks only, deciding rule: what reports need.
        case summary
        /// Everything, including the full decision (trace, reply) and every check.
        case full
    }

    /// Opens (creating if needed) the store at `path` and migrates it to the current schema.
    public init(path: String) throws {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        if path == ":memory:" {
            writer = try DatabaseQueue(configuration: configuration)
        } else {
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
            configuration.prepareDatabase { db in
                // WAL survives crashes of the process; NORMAL sync is safe in WAL mode and avoids an fsync per commit.
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            writer = try DatabasePool(path: path, configuration: configuration)
        }
        try Self.migrator.migrate(writer)
    }

    /// Deletes a database file with its WAL and shared-memory files (scratch stores of benchmarks).
    public static func removeDatabase(at path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()
    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    /// The schema, one migration per version; never edit a shipped migration, add a new one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: runs, sources, results") { db in
            try db.create(table: "run") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("status", .text).notNull()
                t.column("started_at", .datetime).notNull()
                t.column("finished_at", .datetime)
                t.column("tool_version", .text).notNull()
                t.column("git_commit", .text)
                t.column("engine_json", .text).notNull()
                t.column("gates_json", .text).notNull()
                t.column("planned_results", .integer).notNull()
                t.column("suites", .text).notNull()
                t.column("pid", .integer).notNull()
                t.column("host", .text).notNull()
            }
            try db.create(table: "run_source") { t in
                t.column("run_id", .integer).notNull().references("run", onDelete: .cascade)
                t.column("kind", .text).notNull()
                t.column("path", .text).notNull()
                t.column("sha256", .text).notNull()
                t.primaryKey(["run_id", "path"])
            }
            try db.create(table: "result") { t in
                t.column("run_id", .integer).notNull().references("run", onDelete: .cascade)
                t.column("ordinal", .integer).notNull()
                t.column("suite", .text).notNull()
                t.column("scenario_id", .text).notNull()
                t.column("repeat_index", .integer).notNull()
                t.column("status", .text).notNull()
                for side in ["expected", "actual"] {
                    t.column("\(side)_category", .text)
                    t.column("\(side)_escalate", .boolean)
                    t.column("\(side)_team", .text)
                    t.column("\(side)_priority", .text)
                    t.column("\(side)_sentiment", .text)
                    t.column("\(side)_churn_risk", .boolean)
                }
                t.column("reply_total", .integer).notNull()
                t.column("reply_passed", .integer).notNull()
                t.column("reply_checks_json", .text)
                t.column("decision_json", .text)
                t.column("expected_tier", .text)
                t.column("winner", .text)
                t.column("why", .text)
                t.column("latency_ms", .double).notNull()
                t.column("error", .text)
                t.column("error_class", .text)
                t.column("tags_json", .text).notNull()
                t.primaryKey(["run_id", "suite", "scenario_id", "repeat_index"])
            }
            try db.create(index: "result_by_scenario", on: "result", columns: ["scenario_id"])
        }
        migrator.registerMigration("v2: model calls, rendered requests, response cache") { db in
            try db.alter(table: "result") { t in
                t.add(column: "input_tokens", .integer).notNull().defaults(to: 0)
                t.add(column: "output_tokens", .integer).notNull().defaults(to: 0)
                t.add(column: "cost_usd", .double).notNull().defaults(to: 0)
                t.add(column: "judge_cost_usd", .double).notNull().defaults(to: 0)
                t.add(column: "call_count", .integer).notNull().defaults(to: 0)
                t.add(column: "skipped_assertions", .integer).notNull().defaults(to: 0)
            }
            try db.create(table: "model_call") { t in
                t.column("run_id", .integer).notNull().references("run", onDelete: .cascade)
                t.column("suite", .text).notNull()
                t.column("scenario_id", .text).notNull()
                t.column("repeat_index", .integer).notNull()
                t.column("seq", .integer).notNull()
                t.column("provider", .text).notNull()
                t.column("model", .text).notNull()
                t.column("purpose", .text).notNull()
                t.column("status", .integer)
                t.column("attempts", .integer).notNull()
                t.column("latency_ms", .double).notNull()
                t.column("input_tokens", .integer).notNull()
                t.column("output_tokens", .integer).notNull()
                t.column("cost_usd", .double).notNull()
                t.column("error_class", .text)
                t.column("cached", .boolean).notNull()
                t.column("request_hash", .text).notNull()
                t.primaryKey(["run_id", "suite", "scenario_id", "repeat_index", "seq"])
            }
            // Every rendered request, once per distinct body (many runs send the same one).
            try db.create(table: "request") { t in
                t.primaryKey("hash", .text)
                t.column("body", .text).notNull()
            }
            try db.create(table: "response_cache") { t in
                t.primaryKey("key", .text)
                t.column("body", .blob).notNull()
                t.column("status", .integer).notNull()
                t.column("latency_ms", .double).notNull()
                t.column("input_tokens", .integer).notNull()
                t.column("output_tokens", .integer).notNull()
                t.column("created_at", .datetime).notNull()
            }
        }
        migrator.registerMigration("v3: baselines") { db in
            try db.create(table: "baseline") { t in
                t.primaryKey("suite", .text)
                t.column("run_id", .integer).notNull().references("run", onDelete: .cascade)
                t.column("set_at", .datetime).notNull()
            }
        }
        migrator.registerMigration("v4: results in run order") { db in
            // Reports read a run's results in scenario order; without this index SQLite sorts every row.
            try db.create(index: "result_in_order", on: "result", columns: ["run_id", "ordinal", "repeat_index"])
        }
        registerResumeMigration(in: &migrator)
        migrator.registerMigration("v6: input signals on results") { db in
            // Reports show prompt-injection flags without decoding each decision.
            try db.alter(table: "result") { t in t.add(column: "input_signals", .text) }
        }
        return migrator
    }

    // MARK: - runs

    /// Records the start of a run and returns its id.
    public func startRun(_ run: StoredRun) throws -> Int64 {
        let engine = String(decoding: try Self.encoder.encode(run.engine), as: UTF8.self)
        let gates = String(decoding: try Self.encoder.encode(run.gates), as: UTF8.self)
        return try writer.write { db in
            try db.execute(sql: """
                INSERT INTO run (status, started_at, finished_at, tool_version, git_commit, engine_json, gates_json, planned_results, suites, pid, host)
                VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [StoredRun.Status.running.rawValue, run.startedAt, run.toolVersion, run.gitCommit, engine, gates,
                                 run.plannedResults, run.suites.joined(separator: ","), Int(run.pid), run.host])
            let id = db.lastInsertedRowID
            for source in run.sources {
                try db.execute(sql: "INSERT OR REPLACE INTO run_source (run_id, kind, path, sha256) VALUES (?, ?, ?, ?)",
                               arguments: [id, source.kind, source.path, source.sha256])
            }
            return id
        }
    }

    /// Marks a run ended.
    public func finishRun(_ id: Int64, status: StoredRun.Status, at date: Date = Date()) throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE run SET status = ?, finished_at = ? WHERE id = ?", arguments: [status.rawValue, date, id])
        }
    }

    /// Marks runs left `running` by a process that no longer exists on this host as interrupted; returns their ids.
    @discardableResult
    public func markStaleRuns(host: String = ProcessInfo.processInfo.hostName, isAlive: (Int32) -> Bool = Store.processIsAlive) throws -> [Int64] {
        try writer.write { db in
            let rows = try Row.fetchAll(db, sql: "SELECT id, pid FROM run WHERE status = 'running' AND host = ?", arguments: [host])
            var stale: [Int64] = []
            for row in rows {
                let pid: Int32 = row["pid"]
                if pid == getpid() || !isAlive(pid) { stale.append(row["id"]) }
            }
            for id in stale {
                // A dead run ended when it last made progress, not now.
                try db.execute(sql: "UPDATE run SET status = 'interrupted', finished_at = COALESCE(finished_at, progress_at, started_at) WHERE id = ?",
                               arguments: [id])
            }
            return stale
        }
    }

    /// Whether a process exists.
    public static func processIsAlive(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }

    /// The run with this id.
    public func run(_ id: Int64) throws -> StoredRun? {
        try writer.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM run WHERE id = ?", arguments: [id]) else { return nil }
            return try Self.run(from: row, db: db)
        }
    }

    /// The newest run id, optionally of runs that include a suite.
    public func latestRunID(suite: String? = nil, completedOnly: Bool = false) throws -> Int64? {
        try writer.read { db in
            var sql = "SELECT id FROM run"
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let suite {
                conditions.append("(',' || suites || ',') LIKE ?")
                _ = arguments.append(contentsOf: ["%,\(suite),%"])
            }
            if completedOnly { conditions.append("status = 'completed'") }
            if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
            sql += " ORDER BY id DESC LIMIT 1"
            return try Int64.fetchOne(db, sql: sql, arguments: arguments)
        }
    }

    /// The newest runs first.
    public func runs(limit: Int = 20) throws -> [StoredRun] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM run ORDER BY id DESC LIMIT ?", arguments: [limit]).map { try Self.run(from: $0, db: db) }
        }
    }

    /// How many results a run has stored.
    public func resultCount(run id: Int64) throws -> Int {
        try writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM result WHERE run_id = ?", arguments: [id]) ?? 0 }
    }

    static func run(from row: Row, db: Database) throws -> StoredRun {
        let id: Int64 = row["id"]
        let sources = try Row.fetchAll(db, sql: "SELECT kind, path, sha256 FROM run_source WHERE run_id = ? ORDER BY rowid", arguments: [id])
            .map { SourceFile(kind: $0["kind"], path: $0["path"], sha256: $0["sha256"]) }
        let suites: String = row["suites"]
        return StoredRun(id: id, status: StoredRun.Status(rawValue: row["status"]) ?? .interrupted, startedAt: row["started_at"],
                         finishedAt: row["finished_at"], toolVersion: row["tool_version"], gitCommit: row["git_commit"],
                         engine: try decoder.decode(EngineDescription.self, from: Data((row["engine_json"] as String).utf8)),
                         gates: try decoder.decode(RunGates.self, from: Data((row["gates_json"] as String).utf8)),
                         plannedResults: row["planned_results"], suites: suites.isEmpty ? [] : suites.split(separator: ",").map(String.init),
                         sources: sources, pid: Int32(row["pid"] as Int), host: row["host"])
    }

    // MARK: - results

    /// Appends results to a run in one transaction.
    public func append(_ results: [ScenarioResult], run id: Int64) throws {
        guard !results.isEmpty else { return }
        try writer.write { db in try Self.insert(results, run: id, db: db) }
    }

    /// Inserts results with their calls and rendered requests inside the caller's transaction.
    static func insert(_ results: [ScenarioResult], run id: Int64, db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO result (run_id, ordinal, suite, scenario_id, repeat_index, status,
                expected_category, expected_escalate, expected_team, expected_priority, expected_sentiment, expected_churn_risk,
                actual_category, actual_escalate, actual_team, actual_priority, actual_sentiment, actual_churn_risk,
                reply_total, reply_passed, reply_checks_json, decision_json, expected_tier, winner, why,
                latency_ms, error, error_class, tags_json, input_tokens, output_tokens, cost_usd, judge_cost_usd, call_count, skipped_assertions,
                input_signals)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let callStatement = try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO model_call (run_id, suite, scenario_id, repeat_index, seq, provider, model, purpose, status, attempts,
                latency_ms, input_tokens, output_tokens, cost_usd, error_class, cached, request_hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let requestStatement = try db.cachedStatement(sql: "INSERT OR IGNORE INTO request (hash, body) VALUES (?, ?)")
        for result in results {
            let expected = result.expected
            let actual = result.actual
            // Label checks follow from the label columns; reply checks are kept as JSON.
            let replyChecks = result.checks.filter { $0.field == "reply" }
            let values: [(any DatabaseValueConvertible)?] = [
                id, result.ordinal, result.suite, result.scenarioID, result.repeatIndex, result.status.rawValue,
                expected.category, expected.escalate, expected.team, expected.priority, expected.sentiment, expected.churnRisk,
                actual?.category, actual?.escalate, actual?.team, actual?.priority, actual?.sentiment, actual?.churnRisk,
                result.replyTotal, result.replyPassed, replyChecks.isEmpty ? nil : Self.json(replyChecks),
                result.decision?.json, result.expectedTier?.rawValue, result.winner, result.why,
                result.latencyMs, result.error, result.errorClass, Self.json(result.tags),
                result.inputTokens, result.outputTokens, result.costUSD, result.judgeCostUSD, result.calls.count, result.skippedAssertions,
                result.inputSignals.isEmpty ? nil : result.inputSignals.joined(separator: ","),
            ]
            try statement.execute(arguments: StatementArguments(values))
            for (seq, call) in result.calls.enumerated() {
                let callValues: [(any DatabaseValueConvertible)?] = [
                    id, result.suite, result.scenarioID, result.repeatIndex, seq, call.provider, call.model, call.purpose, call.status,
                    call.attempts, call.latencyMs, call.inputTokens, call.outputTokens, call.costUSD, call.errorClass, call.cached, call.requestHash,
                ]
                try callStatement.execute(arguments: StatementArguments(callValues))
            }
            for (hash, body) in result.requests { try requestStatement.execute(arguments: [hash, body]) }
        }
    }

    /// Every model call of a run, in scenario order.
    public func calls(run id: Int64) throws -> [CallRecord] {
        try writer.read { db in
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT c.* FROM model_call c JOIN result r ON r.run_id = c.run_id AND r.suite = c.suite AND r.scenario_id = c.scenario_id
                    AND r.repeat_index = c.repeat_index
                WHERE c.run_id = ? ORDER BY r.ordinal, c.repeat_index, c.seq
                """, arguments: [id])
            var calls: [CallRecord] = []
            while let row = try cursor.next() {
                calls.append(CallRecord(provider: row["provider"], model: row["model"], purpose: row["purpose"], status: row["status"],
                                        attempts: row["attempts"], latencyMs: row["latency_ms"], inputTokens: row["input_tokens"],
                                        outputTokens: row["output_tokens"], costUSD: row["cost_usd"], errorClass: row["error_class"],
                                        cached: row["cached"], requestHash: row["request_hash"]))
            }
            return calls
        }
    }

    /// Approves a run as the baseline of a suite (replacing the previous one).
    public func setBaseline(suite: String, run id: Int64) throws {
        try writer.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO baseline (suite, run_id, set_at) VALUES (?, ?, ?)", arguments: [suite, id, Date()])
        }
    }

    /// The baseline run of a suite.
    public func baseline(suite: String) throws -> Int64? {
        try writer.read { db in try Int64.fetchOne(db, sql: "SELECT run_id FROM baseline WHERE suite = ?", arguments: [suite]) }
    }

    /// Every baseline: suite, run id, when set.
    public func baselines() throws -> [(suite: String, run: Int64, setAt: Date)] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT suite, run_id, set_at FROM baseline ORDER BY suite").map { ($0["suite"], $0["run_id"], $0["set_at"]) }
        }
    }

    /// Completed runs that include a suite, oldest first, at most `limit` (the newest ones).
    public func completedRuns(suite: String, limit: Int) throws -> [StoredRun] {
        try writer.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT * FROM run WHERE status = 'completed' AND (',' || suites || ',') LIKE ? ORDER BY id DESC LIMIT ?
                """, arguments: ["%,\(suite),%", limit])
            return try rows.reversed().map { try Self.run(from: $0, db: db) }
        }
    }

    /// The rendered request body stored under a hash.
    public func request(hash: String) throws -> String? {
        try writer.read { db in try String.fetchOne(db, sql: "SELECT body FROM request WHERE hash = ?", arguments: [hash]) }
    }

    /// How many responses the cache holds.
    public func cachedResponseCount() throws -> Int {
        try writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM response_cache") ?? 0 }
    }

    static func json(_ checks: [CheckOutcome]) -> String {
        var writer = JSONWriter(capacity: 64 * checks.count + 2)
        writer.array { list in
            for check in checks {
                list.object { o in
                    o.field("field", check.field)
                    o.field("expected", check.expected)
                    o.field("actual", check.actual)
                    o.field("passed", check.passed)
                }
            }
        }
        return writer.string
    }

    static func json(_ tags: [String]) -> String {
        var writer = JSONWriter(capacity: 32)
        writer.value(tags)
        return writer.string
    }

    /// The columns a summary reads, in this order (read by position: by-name lookups dominated large reports).
    static let summaryColumns = ["ordinal", "suite", "scenario_id", "repeat_index", "status",
                                 "expected_category", "expected_escalate", "expected_team", "expected_priority", "expected_sentiment", "expected_churn_risk",
                                 "actual_category", "actual_escalate", "actual_team", "actual_priority", "actual_sentiment", "actual_churn_risk",
                                 "reply_total", "reply_passed", "reply_checks_json", "expected_tier", "winner", "why", "latency_ms", "error",
                                 "error_class", "cost_usd", "input_signals"]

    /// The results of a run in scenario order.
    public func results(run id: Int64, detail: Detail = .full) throws -> [ScenarioResult] {
        try writer.read { db in
            if detail == .full {
                let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM result WHERE run_id = ? ORDER BY ordinal, repeat_index", arguments: [id])
                var results: [ScenarioResult] = []
                while let row = try cursor.next() { results.append(try Self.fullResult(from: row)) }
                return results
            }
            let cursor = try Row.fetchCursor(db, sql: "SELECT \(Self.summaryColumns.joined(separator: ", ")) FROM result WHERE run_id = ? ORDER BY ordinal, repeat_index",
                                             arguments: [id])
            var results: [ScenarioResult] = []
            while let row = try cursor.next() { results.append(try Self.summary(from: row)) }
            return results
        }
    }

    /// A summary result from a row of ``summaryColumns``, read by position.
    static func summary(from row: Row) throws -> ScenarioResult {
        let expected = Expectation(category: row[5], escalate: row[6], team: row[7], priority: row[8], sentiment: row[9], churnRisk: row[10])
        var actual: ActualLabels?
        if let category: String = row[11] {
            actual = ActualLabels(category: category, escalate: row[12], team: row[13], priority: row[14], sentiment: row[15], churnRisk: row[16])
        }
        // A summary keeps only the checks that failed (reports and comparisons show nothing else); a passed
        // result has none, so most rows of a large run build no checks at all.
        var checks: [CheckOutcome] = []
        let status = ScenarioResult.Status(rawValue: row[4]) ?? .errored
        let replyTotal: Int = row[17]
        let replyPassed: Int = row[18]
        if status == .failed {
            if let actual {
                for field in Expectation.fields {
                    guard let value = expected.value(of: field), let found = actual.value(of: field), value != found else { continue }
                    checks.append(CheckOutcome(field: field, expected: value, actual: found, passed: false))
                }
            }
            if replyPassed < replyTotal, let text: String = row[19] {
                checks += try decoder.decode([CheckOutcome].self, from: Data(text.utf8)).filter { !$0.passed }
            }
        }
        let tier: String? = row[20]
        var result = ScenarioResult(ordinal: row[0], suite: row[1], scenarioID: row[2], repeatIndex: row[3],
                                    status: status, expected: expected, actual: actual,
                                    checks: checks, decision: nil, expectedTier: tier.flatMap(EscalationTier.init(rawValue:)), latencyMs: row[23],
                                    error: row[24], errorClass: row[25], tags: [], winner: row[21], why: row[22],
                                    replyTotal: replyTotal, replyPassed: replyPassed)
        result.storedCostUSD = row[26]
        result.inputSignals = Self.signals(row[27])
        return result
    }

    /// A result in full detail from a `SELECT *` row (summaries use ``summary(from:)``).
    static func fullResult(from row: Row) throws -> ScenarioResult {
        func decode<T: Decodable>(_ type: T.Type, _ column: String) throws -> T? {
            guard let text: String = row[column] else { return nil }
            return try decoder.decode(T.self, from: Data(text.utf8))
        }
        let expected = Expectation(category: row["expected_category"], escalate: row["expected_escalate"], team: row["expected_team"],
                                   priority: row["expected_priority"], sentiment: row["expected_sentiment"], churnRisk: row["expected_churn_risk"])
        var actual: ActualLabels?
        if let category: String = row["actual_category"] {
            actual = ActualLabels(category: category, escalate: row["actual_escalate"], team: row["actual_team"], priority: row["actual_priority"],
                                  sentiment: row["actual_sentiment"], churnRisk: row["actual_churn_risk"])
        }
        // Label checks follow from the columns; reply checks are stored as JSON.
        var checks: [CheckOutcome] = []
        if let actual {
            for field in Expectation.fields {
                guard let value = expected.value(of: field), let found = actual.value(of: field) else { continue }
                checks.append(CheckOutcome(field: field, expected: value, actual: found, passed: value == found))
            }
        }
        let replyTotal: Int = row["reply_total"]
        let replyPassed: Int = row["reply_passed"]
        checks += try decode([CheckOutcome].self, "reply_checks_json") ?? []
        let tier: String? = row["expected_tier"]
        var result = ScenarioResult(ordinal: row["ordinal"], suite: row["suite"], scenarioID: row["scenario_id"], repeatIndex: row["repeat_index"],
                              status: ScenarioResult.Status(rawValue: row["status"]) ?? .errored, expected: expected, actual: actual,
                              checks: checks, decision: try decode(Decision.self, "decision_json"),
                              expectedTier: tier.flatMap(EscalationTier.init(rawValue:)), latencyMs: row["latency_ms"], error: row["error"],
                              errorClass: row["error_class"], tags: try decode([String].self, "tags_json") ?? [],
                              winner: row["winner"], why: row["why"], replyTotal: replyTotal, replyPassed: replyPassed)
        if result.inputSignals.isEmpty { result.inputSignals = signals(row["input_signals"]) }
        return result
    }

    /// The input signals stored comma-joined; none for NULL.
    static func signals(_ text: String?) -> [String] {
        guard let text, !text.isEmpty else { return [] }
        return text.split(separator: ",").map(String.init)
    }
}
