import Foundation

/// The PostgreSQL schema, one migration per version from the first; never edit a shipped migration, add one.
extension PostgresStore {
    /// A schema version: its name (recorded in `schema_migrations`) and its statements.
    struct Migration {
        var version: String
        var sql: String
    }

    /// The key of the advisory lock migrations hold, so processes opening a new database at once take turns.
    static let migrationLock: Int64 = 0x7472_6961_6765_0001

    /// Every migration, in order.
    static let migrations: [Migration] = [
        Migration(version: "v1: runs, sources, suites, results, model calls, requests, response cache, baselines", sql: """
            CREATE TABLE run (
                id BIGSERIAL PRIMARY KEY,
                status TEXT NOT NULL,
                started_at TIMESTAMPTZ NOT NULL,
                finished_at TIMESTAMPTZ,
                tool_version TEXT NOT NULL,
                git_commit TEXT,
                engine_json TEXT NOT NULL,
                gates_json TEXT NOT NULL,
                planned_results BIGINT NOT NULL,
                suites TEXT NOT NULL,
                pid BIGINT NOT NULL,
                host TEXT NOT NULL,
                configuration_json TEXT,
                progress_at TIMESTAMPTZ
            );
            -- `seq` keeps the order files were listed in (SQLite's rowid).
            CREATE TABLE run_source (
                run_id BIGINT NOT NULL REFERENCES run (id) ON DELETE CASCADE,
                kind TEXT NOT NULL,
                path TEXT NOT NULL,
                sha256 TEXT NOT NULL,
                seq BIGSERIAL NOT NULL,
                PRIMARY KEY (run_id, path)
            );
            CREATE TABLE run_suite (
                run_id BIGINT NOT NULL REFERENCES run (id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                suite TEXT NOT NULL,
                PRIMARY KEY (run_id, position)
            );
            CREATE INDEX run_suite_by_name ON run_suite (suite, run_id);
            CREATE TABLE result (
                run_id BIGINT NOT NULL REFERENCES run (id) ON DELETE CASCADE,
                ordinal INTEGER NOT NULL,
                suite TEXT NOT NULL,
                scenario_id TEXT NOT NULL,
                repeat_index INTEGER NOT NULL,
                status TEXT NOT NULL,
                expected_category TEXT,
                expected_escalate BOOLEAN,
                expected_team TEXT,
                expected_priority TEXT,
                expected_sentiment TEXT,
                expected_churn_risk BOOLEAN,
                actual_category TEXT,
                actual_escalate BOOLEAN,
                actual_team TEXT,
                actual_priority TEXT,
                actual_sentiment TEXT,
                actual_churn_risk BOOLEAN,
                reply_total INTEGER NOT NULL,
                reply_passed INTEGER NOT NULL,
                reply_checks_json TEXT,
                decision_json TEXT,
                expected_tier TEXT,
                winner TEXT,
                why TEXT,
                latency_ms DOUBLE PRECISION NOT NULL,
                error TEXT,
                error_class TEXT,
                tags_json TEXT NOT NULL,
                input_tokens BIGINT NOT NULL DEFAULT 0,
                output_tokens BIGINT NOT NULL DEFAULT 0,
                cost_usd DOUBLE PRECISION NOT NULL DEFAULT 0,
                judge_cost_usd DOUBLE PRECISION NOT NULL DEFAULT 0,
                call_count INTEGER NOT NULL DEFAULT 0,
                skipped_assertions INTEGER NOT NULL DEFAULT 0,
                input_signals TEXT,
                PRIMARY KEY (run_id, suite, scenario_id, repeat_index)
            );
            CREATE INDEX result_by_scenario ON result (scenario_id);
            CREATE INDEX result_in_order ON result (run_id, ordinal, repeat_index);
            CREATE TABLE model_call (
                run_id BIGINT NOT NULL REFERENCES run (id) ON DELETE CASCADE,
                suite TEXT NOT NULL,
                scenario_id TEXT NOT NULL,
                repeat_index INTEGER NOT NULL,
                seq INTEGER NOT NULL,
                provider TEXT NOT NULL,
                model TEXT NOT NULL,
                purpose TEXT NOT NULL,
                status INTEGER,
                attempts INTEGER NOT NULL,
                latency_ms DOUBLE PRECISION NOT NULL,
                input_tokens BIGINT NOT NULL,
                output_tokens BIGINT NOT NULL,
                cost_usd DOUBLE PRECISION NOT NULL,
                error_class TEXT,
                cached BOOLEAN NOT NULL,
                request_hash TEXT NOT NULL,
                PRIMARY KEY (run_id, suite, scenario_id, repeat_index, seq)
            );
            CREATE TABLE request (
                hash TEXT PRIMARY KEY,
                body TEXT NOT NULL
            );
            CREATE TABLE response_cache (
                key TEXT PRIMARY KEY,
                body BYTEA NOT NULL,
                status INTEGER NOT NULL,
                latency_ms DOUBLE PRECISION NOT NULL,
                input_tokens BIGINT NOT NULL,
                output_tokens BIGINT NOT NULL,
                created_at TIMESTAMPTZ NOT NULL,
                run_id BIGINT
            );
            CREATE TABLE baseline (
                suite TEXT PRIMARY KEY,
                run_id BIGINT NOT NULL REFERENCES run (id) ON DELETE CASCADE,
                set_at TIMESTAMPTZ NOT NULL
            )
            """),
        groupsMigration,
        selectionMigration,
        Migration(version: "v4: result quality", sql: "ALTER TABLE result ADD COLUMN quality_json TEXT NULL"),
        learningMigration,
        reportIndexMigration,
        decisionsMigration,
        // No statement reads an index on `result.scenario_id` alone (every lookup names its run first); each
        // stored result paid for it with one more B-tree insert at a random place.
        Migration(version: "v8: drop result_by_scenario", sql: "DROP INDEX IF EXISTS result_by_scenario"),
    ]

    /// The versions applied, or none when the database is new.
    static func appliedVersions(_ connection: PostgresConnection) throws -> Set<String> {
        let exists = try connection.execute("SELECT to_regclass('schema_migrations') IS NOT NULL AS present").get(0, 0, as: Bool.self) ?? false
        guard exists else { return [] }
        return Set(try connection.execute("SELECT version FROM schema_migrations").column(String.self))
    }

    /// Applies the missing migrations. Each runs in a transaction holding `pg_advisory_xact_lock`, and checks
    /// again under the lock that nobody applied it meanwhile, so any number of processes may open a new
    /// database at once; a database already current takes no lock at all. `versions` are the migrations to
    /// apply (all of them, unless a test makes a store of an older schema). A database with versions this
    /// triage-eval does not know is refused (``NewerStoreSchema``), `location` naming it.
    static func migrate(_ connection: PostgresConnection, location: String, versions: [Migration] = migrations) throws {
        let applied = try appliedVersions(connection)
        if let newer = NewerStoreSchema.check(location: location, applied: applied, known: migrations.map(\.version)) { throw newer }
        for migration in versions where !applied.contains(migration.version) {
            try connection.transaction {
                try connection.execute("SELECT pg_advisory_xact_lock(?)", values: [migrationLock])
                try connection.executeScript("""
                    CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())
                    """)
                let done = try connection.execute("SELECT 1 FROM schema_migrations WHERE version = ?", values: [migration.version]).rowCount > 0
                guard !done else { return }
                try connection.executeScript(migration.sql)
                try connection.execute("INSERT INTO schema_migrations (version) VALUES (?)", values: [migration.version])
            }
        }
    }
}
