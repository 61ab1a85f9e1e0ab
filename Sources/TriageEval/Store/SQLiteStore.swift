import Foundation
import GRDB
import TriageEngine

/// The store the CLI opens: SQLite (the name earlier code and concurrent branches use).
public typealias Store = SQLiteStore

/// The SQLite implementation of ``RunStore``: a Sendable wrapper around a GRDB database writer, shaped like
/// GRDB's demo `AppDatabase`, with one record type per table (`Records/`) and a private migrator.
///
/// Every run keeps the content hashes of the files it used so runs can be compared; results are written as
/// they complete, in transactions, so an interrupted run keeps what it finished and is marked interrupted,
/// never complete. The file format migrates forward from every earlier version; several processes may open
/// a new file at once.
public struct SQLiteStore: RunStore {
    /// Access to the database.
    let writer: any DatabaseWriter
    /// The database file path, or `:memory:`.
    public let path: String

    /// Where the store lives: its path.
    public var location: String { path }

    /// Opens (creating if needed) the store at `path`, or an in-memory store for `:memory:`, and migrates it.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        if path == ":memory:" {
            try self.init(DatabaseQueue(configuration: configuration), path: path)
            return
        }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        configuration.prepareDatabase { db in
            // WAL survives crashes of the process; NORMAL sync is safe in WAL mode and avoids an fsync per commit.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            if !db.configuration.readonly {
                try db.execute(sql: "PRAGMA cache_size = -\(Self.writerCacheKiB)")
                // Each `INSERT OR REPLACE` in a commit of many keeps the pages it changes in a statement journal
                // (to undo that one statement); on disk that journal was 27 KB written per result, 7.6 GB for a run
                // of 100,000 (`strace`: 4,096 + 4-byte writes to an unlinked temporary file). In memory it is
                // emptied after every statement. Only this connection writes, and it runs no large sorts.
                try db.execute(sql: "PRAGMA temp_store = MEMORY")
            }
        }
        // Several processes opening a new file at once contend for the lock that switching it to WAL takes, and
        // SQLite answers that with SQLITE_BUSY at once, whatever the busy timeout: open again after a pause.
        var attempt = 0
        while true {
            do {
                self = try SQLiteStore(DatabasePool(path: path, configuration: configuration), path: path)
                return
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && attempt < Self.openAttempts {
                attempt += 1
                usleep(UInt32(min(attempt, 10)) * 20_000)
            }
        }
    }

    /// The page cache of the connection that writes, in KiB. A commit of a thousand results dirties a few
    /// thousand pages (the result rows, and the leaves of the indexes keyed by scenario, which inserts hit at
    /// random places); with SQLite's default 2 MB cache those pages were spilled to the write-ahead log and
    /// read back again and again within one commit (7.6 GB written through the log for a 295 MB run of
    /// 100,000 results). Its pages are given back after a run (``releaseMemory()``).
    static let writerCacheKiB = 32 * 1024

    /// How often an open that found the file locked is tried again (about 8 s in all).
    static let openAttempts = 50

    /// A store over an open database (a queue or a pool), migrated to the current schema.
    init(_ writer: any DatabaseWriter, path: String) throws {
        self.writer = writer
        self.path = path
        try writer.read { db in
            // The first commit's v1 kept labels as JSON (`expected_json`) under the same migration name as the v1
            // that shipped after it; nothing can migrate such a file, so say so before touching it.
            if try db.tableExists(ResultRecord.databaseTableName),
               try db.columns(in: ResultRecord.databaseTableName).contains(where: { $0.name == "expected_json" }) {
                throw PreReleaseSchema(path: path)
            }
        }
        try Self.migrate(writer, location: path)
    }

    /// A file written by the pre-release schema of the first commit, which no migration can read.
    public struct PreReleaseSchema: Error, CustomStringConvertible {
        /// The file.
        public var path: String
        /// What happened and what to do.
        public var description: String {
            "\(path) was written by a pre-release triage-eval whose results kept their labels as JSON (result.expected_json); it cannot be migrated: move it aside and run again"
        }
    }

    /// Deletes a database file with its WAL and shared-memory files (scratch stores of benchmarks).
    public static func removeDatabase(at path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    // MARK: - Schema

    /// Thrown inside a migration that another connection applied after this one read the applied list.
    private struct AppliedConcurrently: Error {}

    /// Migrates, safe when several processes open a new file at once: each migration checks, inside its own
    /// immediate (write-locked) transaction, that nobody applied it meanwhile; if somebody did, it rolls back
    /// and the migrator starts over from what is now applied. Every retry sees at least one more migration
    /// applied, so this ends. A file with migrations this triage-eval does not know is refused
    /// (``NewerStoreSchema``) before any is applied.
    private static func migrate(_ writer: any DatabaseWriter, location: String) throws {
        let migrator = Self.migrator
        let applied = try writer.read { try migrator.appliedIdentifiers($0) }
        if let newer = NewerStoreSchema.check(location: location, applied: applied, known: migrator.migrations) { throw newer }
        for _ in migrator.migrations {
            do {
                try migrator.migrate(writer)
                return
            } catch is AppliedConcurrently {
                continue
            }
        }
        try migrator.migrate(writer)
    }

    /// Registers a migration that refuses to run twice (see ``migrate(_:)``).
    static func register(_ identifier: String, in migrator: inout DatabaseMigrator,
                                 _ body: @escaping @Sendable (Database) throws -> Void) {
        migrator.registerMigration(identifier) { db in
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM grdb_migrations WHERE identifier = ?)", arguments: [identifier]) == true {
                throw AppliedConcurrently()
            }
            try body(db)
        }
    }

    /// The schema, one migration per version; never edit a shipped migration, add a new one (the store tests
    /// open a database of every earlier version, kept as SQL text, and migrate it).
    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        register("v1: runs, sources, results", in: &migrator) { db in
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
        register("v2: model calls, rendered requests, response cache", in: &migrator) { db in
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
        register("v3: baselines", in: &migrator) { db in
            try db.create(table: "baseline") { t in
                t.primaryKey("suite", .text)
                t.column("run_id", .integer).notNull().references("run", onDelete: .cascade)
                t.column("set_at", .datetime).notNull()
            }
        }
        register("v4: results in run order", in: &migrator) { db in
            // Reports read a run's results in scenario order; without this index SQLite sorts every row.
            try db.create(index: "result_in_order", on: "result", columns: ["run_id", "ordinal", "repeat_index"])
        }
        // Resume's columns: a run's configuration, its progress time, which run cached each response.
        registerResumeMigration(in: &migrator)
        register("v6: input signals on results", in: &migrator) { db in
            // Reports show prompt-injection flags without decoding each decision.
            try db.alter(table: "result") { t in t.add(column: "input_signals", .text) }
        }
        register("v7: run suites", in: &migrator) { db in
            // Suite lookups match names exactly (a LIKE over the comma-joined `run.suites` took `_` as a wildcard).
            try db.create(table: "run_suite") { t in
                t.column("run_id", .integer).notNull().references("run", onDelete: .cascade)
                t.column("position", .integer).notNull()
                t.column("suite", .text).notNull()
                t.primaryKey(["run_id", "position"])
            }
            try db.create(index: "run_suite_by_name", on: "run_suite", columns: ["suite", "run_id"])
            // Earlier runs: suite names are identifiers (no commas), so the joined list splits exactly.
            let runs = try Row.fetchAll(db, sql: "SELECT id, suites FROM run")
            for run in runs {
                let suites: String = run["suites"]
                for (position, suite) in suites.split(separator: ",", omittingEmptySubsequences: true).enumerated() {
                    try RunSuiteRecord(runID: run["id"], position: position, suite: String(suite)).insert(db)
                }
            }
        }
        // Selection and heartbeat: `run.selection_json`, `run.heartbeat_at`.
        registerSelectionMigration(in: &migrator)
        registerGroupsMigration(in: &migrator)
        // The learning queue (`learn` commands); its own file.
        registerLearningMigration(in: &migrator)
        registerQualityMigration(in: &migrator)
        // Covering indexes a report reads instead of the rows (`result_groups`, `result_lines`).
        registerReportIndexMigration(in: &migrator)
        registerUnusedIndexMigration(in: &migrator)
        return migrator
    }
}
