import Foundation
import GRDB

/// Databases as earlier versions of triage-eval wrote them, as SQL text: the schema each shipped migration
/// produced (copied from `sqlite_master` of a database migrated by that version's code, see `git log -p` of
/// the store) followed by rows written the way that version wrote them. `script(upTo:)` concatenates the
/// steps, so the v3 file is the v1 file that v2 and v3 then migrated and wrote more rows into.
enum HistoricStores {
    /// One schema version: the migration it recorded, its DDL, and rows of that version.
    struct Step {
        var identifier: String
        var schema: [String]
        var rows: [String]
    }

    static let steps: [Step] = [
        Step(identifier: "v1: runs, sources, results", schema: [
            "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)",
            #"CREATE TABLE "run" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "status" TEXT NOT NULL, "started_at" DATETIME NOT NULL, "finished_at" DATETIME, "tool_version" TEXT NOT NULL, "git_commit" TEXT, "engine_json" TEXT NOT NULL, "gates_json" TEXT NOT NULL, "planned_results" INTEGER NOT NULL, "suites" TEXT NOT NULL, "pid" INTEGER NOT NULL, "host" TEXT NOT NULL)"#,
            #"CREATE TABLE "run_source" ("run_id" INTEGER NOT NULL REFERENCES "run"("id") ON DELETE CASCADE, "kind" TEXT NOT NULL, "path" TEXT NOT NULL, "sha256" TEXT NOT NULL, PRIMARY KEY ("run_id", "path"))"#,
            #"CREATE TABLE "result" ("run_id" INTEGER NOT NULL REFERENCES "run"("id") ON DELETE CASCADE, "ordinal" INTEGER NOT NULL, "suite" TEXT NOT NULL, "scenario_id" TEXT NOT NULL, "repeat_index" INTEGER NOT NULL, "status" TEXT NOT NULL, "expected_category" TEXT, "expected_escalate" BOOLEAN, "expected_team" TEXT, "expected_priority" TEXT, "expected_sentiment" TEXT, "expected_churn_risk" BOOLEAN, "actual_category" TEXT, "actual_escalate" BOOLEAN, "actual_team" TEXT, "actual_priority" TEXT, "actual_sentiment" TEXT, "actual_churn_risk" BOOLEAN, "reply_total" INTEGER NOT NULL, "reply_passed" INTEGER NOT NULL, "reply_checks_json" TEXT, "decision_json" TEXT, "expected_tier" TEXT, "winner" TEXT, "why" TEXT, "latency_ms" DOUBLE NOT NULL, "error" TEXT, "error_class" TEXT, "tags_json" TEXT NOT NULL, PRIMARY KEY ("run_id", "suite", "scenario_id", "repeat_index"))"#,
            #"CREATE INDEX "result_by_scenario" ON "result"("scenario_id")"#,
        ], rows: [
            #"INSERT INTO grdb_migrations VALUES ('v1: runs, sources, results')"#,
            #"INSERT INTO run VALUES (1, 'completed', '2025-01-02 03:04:05.000', '2025-01-02 03:04:09.000', '0.1.0', 'abc123', '{"categories":["billing","how_to"],"classifier":"builtin-lexical","drafter":"templates","settings":{"concurrency":"4"}}', '{"run":{"category_recall":{},"fields":{}},"suites":{"core":{"accuracy":0.9,"category_recall":{},"fields":{}}}}', 2, 'core,a_b', 4242, 'builder')"#,
            #"INSERT INTO run_source VALUES (1, 'rules', 'rules/escalation.yaml', '1111111111111111111111111111111111111111111111111111111111111111')"#,
            #"INSERT INTO run_source VALUES (1, 'suite', 'scenarios/core.yaml', '2222222222222222222222222222222222222222222222222222222222222222')"#,
            #"INSERT INTO result VALUES (1, 0, 'core', 'refund-1', 0, 'passed', 'billing', 1, NULL, NULL, NULL, NULL, 'billing', 1, 'billing', 'high', 'negative', 0, 0, 0, NULL, NULL, 'always', 'billing-dispute', 'refund asked', 12.5, NULL, NULL, '["money"]')"#,
            #"INSERT INTO result VALUES (1, 1, 'a_b', 'howto-1', 0, 'failed', 'how_to', 0, NULL, NULL, NULL, NULL, 'billing', 0, 'none', 'normal', 'neutral', 0, 1, 0, '[{"actual":"no","expected":"mentions settings","field":"reply","passed":false}]', NULL, 'never', NULL, NULL, 30.0, NULL, NULL, '[]')"#,
        ]),
        Step(identifier: "v2: model calls, rendered requests, response cache", schema: [
            #"ALTER TABLE "result" ADD COLUMN "input_tokens" INTEGER NOT NULL DEFAULT 0"#,
            #"ALTER TABLE "result" ADD COLUMN "output_tokens" INTEGER NOT NULL DEFAULT 0"#,
            #"ALTER TABLE "result" ADD COLUMN "cost_usd" DOUBLE NOT NULL DEFAULT 0"#,
            #"ALTER TABLE "result" ADD COLUMN "judge_cost_usd" DOUBLE NOT NULL DEFAULT 0"#,
            #"ALTER TABLE "result" ADD COLUMN "call_count" INTEGER NOT NULL DEFAULT 0"#,
            #"ALTER TABLE "result" ADD COLUMN "skipped_assertions" INTEGER NOT NULL DEFAULT 0"#,
            #"CREATE TABLE "model_call" ("run_id" INTEGER NOT NULL REFERENCES "run"("id") ON DELETE CASCADE, "suite" TEXT NOT NULL, "scenario_id" TEXT NOT NULL, "repeat_index" INTEGER NOT NULL, "seq" INTEGER NOT NULL, "provider" TEXT NOT NULL, "model" TEXT NOT NULL, "purpose" TEXT NOT NULL, "status" INTEGER, "attempts" INTEGER NOT NULL, "latency_ms" DOUBLE NOT NULL, "input_tokens" INTEGER NOT NULL, "output_tokens" INTEGER NOT NULL, "cost_usd" DOUBLE NOT NULL, "error_class" TEXT, "cached" BOOLEAN NOT NULL, "request_hash" TEXT NOT NULL, PRIMARY KEY ("run_id", "suite", "scenario_id", "repeat_index", "seq"))"#,
            #"CREATE TABLE "request" ("hash" TEXT PRIMARY KEY NOT NULL, "body" TEXT NOT NULL)"#,
            #"CREATE TABLE "response_cache" ("key" TEXT PRIMARY KEY NOT NULL, "body" BLOB NOT NULL, "status" INTEGER NOT NULL, "latency_ms" DOUBLE NOT NULL, "input_tokens" INTEGER NOT NULL, "output_tokens" INTEGER NOT NULL, "created_at" DATETIME NOT NULL)"#,
        ], rows: [
            #"INSERT INTO grdb_migrations VALUES ('v2: model calls, rendered requests, response cache')"#,
            #"INSERT INTO run VALUES (2, 'interrupted', '2025-02-02 03:04:05.000', '2025-02-02 03:04:06.000', '0.2.0', NULL, '{"categories":["billing","how_to"],"classifier":"model","drafter":"templates","model":"stub","modelHash":"33","settings":{}}', '{"run":{"category_recall":{},"fields":{}},"suites":{}}', 1, 'axb', 4243, 'builder')"#,
            #"INSERT INTO result VALUES (2, 0, 'axb', 'refund-1', 0, 'passed', 'billing', NULL, NULL, NULL, NULL, NULL, 'billing', 1, 'billing', 'high', 'negative', 0, 0, 0, NULL, NULL, 'always', 'billing-dispute', 'refund asked', 80.0, NULL, NULL, '[]', 120, 8, 0.25, 0, 1, 0)"#,
            #"INSERT INTO model_call VALUES (2, 'axb', 'refund-1', 0, 0, 'openai', 'stub-model', 'classify', 200, 1, 75.0, 120, 8, 0.25, NULL, 0, 'abcd')"#,
            #"INSERT INTO request VALUES ('abcd', '{"model":"stub-model"}')"#,
            #"INSERT INTO response_cache VALUES ('abcd', X'7B7D', 200, 75.0, 120, 8, '2025-02-02 03:04:06.000')"#,
        ]),
        Step(identifier: "v3: baselines", schema: [
            #"CREATE TABLE "baseline" ("suite" TEXT PRIMARY KEY NOT NULL, "run_id" INTEGER NOT NULL REFERENCES "run"("id") ON DELETE CASCADE, "set_at" DATETIME NOT NULL)"#,
        ], rows: [
            #"INSERT INTO grdb_migrations VALUES ('v3: baselines')"#,
            #"INSERT INTO baseline VALUES ('core', 1, '2025-03-01 00:00:00.000')"#,
        ]),
        Step(identifier: "v4: results in run order", schema: [
            #"CREATE INDEX "result_in_order" ON "result"("run_id", "ordinal", "repeat_index")"#,
        ], rows: [
            #"INSERT INTO grdb_migrations VALUES ('v4: results in run order')"#,
        ]),
        Step(identifier: "v5: run configuration, progress time, cached response provenance", schema: [
            #"ALTER TABLE "run" ADD COLUMN "configuration_json" TEXT"#,
            #"ALTER TABLE "run" ADD COLUMN "progress_at" DATETIME"#,
            #"ALTER TABLE "response_cache" ADD COLUMN "run_id" INTEGER"#,
        ], rows: [
            #"INSERT INTO grdb_migrations VALUES ('v5: run configuration, progress time, cached response provenance')"#,
            #"UPDATE run SET progress_at = '2025-02-02 03:04:06.000' WHERE id = 2"#,
        ]),
    ]

    /// The SQL of a database of schema version `version` (1-based) with its rows.
    static func script(upTo version: Int) -> [String] {
        steps.prefix(version).flatMap { $0.schema + $0.rows }
    }

    /// Writes a database of schema version `version` at `path`.
    static func write(version: Int, at path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            for statement in script(upTo: version) { try db.execute(sql: statement) }
        }
        try queue.close()
    }

    /// The schema of a database: every table and index with its SQL, as SQLite keeps it.
    static func schema(of writer: some DatabaseReader) throws -> [String: String] {
        try writer.read { db in
            var schema: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL") { schema[row["name"]] = row["sql"] }
            return schema
        }
    }
}
