import GRDB

extension SQLiteStore {
    /// v12: reports read a run through two covering indexes instead of its rows. A result row carries its
    /// decision JSON (about 2.4 KB a row, one row a page), so every report statement that touched the table read
    /// the whole of it: 2.4 GB for a million results, and the grouped pass sorted every row besides.
    /// - `result_groups` holds what ``ReportSQL/groups`` counts, in its `GROUP BY` order: SQLite reads the groups
    ///   off the index in order (no sort) and the latencies from it (a sort of doubles).
    /// - `result_lines` holds a summary result's columns (``ResultSummaryColumn``) in run order: a report's lines,
    ///   the JSON stream, the failures, the results its gates judge and its scored conversations are read from it.
    ///   It starts with `result_in_order`'s columns, which it replaces.
    /// SQLite fills both from the existing rows when the migration creates them and keeps them on every write.
    static func registerReportIndexMigration(in migrator: inout DatabaseMigrator) {
        register("v12: report indexes", in: &migrator) { db in
            try db.execute(sql: "DROP INDEX result_in_order")
            try db.create(index: "result_groups", on: "result", columns: [
                "run_id", "suite", "scenario_id", "status", "expected_category", "actual_category", "expected_tier", "actual_escalate", "actual_team",
                "error_class", "ordinal", "expected_escalate", "expected_team", "expected_priority", "expected_sentiment", "expected_churn_risk",
                "actual_priority", "actual_sentiment", "actual_churn_risk", "reply_total", "reply_passed", "latency_ms", "input_signals",
            ])
            try db.create(index: "result_lines", on: "result", columns: [
                "run_id", "ordinal", "repeat_index", "suite", "scenario_id", "status", "expected_category", "expected_escalate", "expected_team",
                "expected_priority", "expected_sentiment", "expected_churn_risk", "actual_category", "actual_escalate", "actual_team", "actual_priority",
                "actual_sentiment", "actual_churn_risk", "reply_total", "reply_passed", "reply_checks_json", "expected_tier", "winner", "why",
                "latency_ms", "error", "error_class", "cost_usd", "input_signals", "quality_json",
            ])
        }
    }
}

extension SQLiteStore {
    /// v13: drops `result_by_scenario`, an index on `result.scenario_id` alone that no statement reads (every
    /// lookup of a result names its run first, and the primary key and v12's indexes start with the run). Each
    /// stored result paid for it: one more B-tree insert, at a random place since ids are not in run order.
    static func registerUnusedIndexMigration(in migrator: inout DatabaseMigrator) {
        register("v13: drop result_by_scenario", in: &migrator) { db in
            try db.execute(sql: "DROP INDEX IF EXISTS result_by_scenario")
        }
    }
}
