extension PostgresStore {
    /// v7: each result's decision JSON (trace, reply, signals: about nine tenths of a result row) in a table of its
    /// own, so the rows reports read are narrow. On a million-result run the report's passes over the run read
    /// the labels, verdicts and latencies of about 200 bytes a row instead of 2 KB rows with the decision inline
    /// (PostgreSQL keeps a value under 2 KB in the row whatever its column's storage says, so TOAST settings
    /// cannot move it out). Every result has a row here (its decision NULL when errored), so storing a result
    /// again replaces its decision as `INSERT … ON CONFLICT` replaces the result. Existing decisions are copied
    /// across; `CLUSTER` then rewrites `result` without the dropped column's bytes (a dropped column keeps its
    /// space until the table is rewritten), in run order, holding the table's lock as the rest of the migration
    /// does; it may run in the migration's transaction, as `CLUSTER` of a named table can.
    static let decisionsMigration = Migration(version: "v7: decisions out of the result rows", sql: """
        CREATE TABLE result_decision (
            run_id BIGINT NOT NULL REFERENCES run (id) ON DELETE CASCADE,
            suite TEXT NOT NULL,
            scenario_id TEXT NOT NULL,
            repeat_index INTEGER NOT NULL,
            decision_json TEXT,
            PRIMARY KEY (run_id, suite, scenario_id, repeat_index)
        );
        INSERT INTO result_decision (run_id, suite, scenario_id, repeat_index, decision_json)
            SELECT run_id, suite, scenario_id, repeat_index, decision_json FROM result;
        ALTER TABLE result DROP COLUMN decision_json;
        CLUSTER result USING result_in_order
        """)
}
