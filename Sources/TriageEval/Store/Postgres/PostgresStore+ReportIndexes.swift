extension PostgresStore {
    /// v6: the few results a report reads besides its aggregates, found without scanning the run: those with
    /// input signals (the prompt-injection flags, ``ReportSQL/injections``), those that did not pass (the lines of
    /// text, Markdown and HTML reports) and those whose conversations were scored (the quality summary). Partial
    /// indexes in run order hold only those rows, so each read touches its rows and no others.
    static let reportIndexMigration = Migration(version: "v6: report indexes", sql: """
        CREATE INDEX result_signalled ON result (run_id, ordinal, repeat_index) WHERE input_signals IS NOT NULL;
        CREATE INDEX result_failures ON result (run_id, ordinal, repeat_index) WHERE status <> 'passed';
        CREATE INDEX result_scored ON result (run_id, ordinal, repeat_index) WHERE quality_json IS NOT NULL
        """)
}
