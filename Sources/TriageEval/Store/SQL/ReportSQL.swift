/// The SQL a report's aggregates and its per-scenario lines are read with, as plain portable text: `?`
/// placeholders, `CASE`, `COUNT`, `SUM`, `MIN`, `COALESCE` and `||` only, so SQLite and PostgreSQL run the same
/// statements. Each takes the run ids first (``runList(_:)`` writes their placeholders into the text).
///
/// Booleans are compared with each other (`actual_escalate = expected_escalate`) or tested bare
/// (`CASE WHEN actual_escalate THEN …`), which SQLite's 0/1 integers and PostgreSQL's `boolean` both accept.
public enum ReportSQL {
    /// The text with `{runs}` replaced by `?, ?, …`, one placeholder per run id.
    public static func runList(_ sql: String, runs: Int) -> String {
        sql.replacingOccurrences(of: "{runs}", with: Array(repeating: "?", count: max(1, runs)).joined(separator: ", "))
    }

    /// The `LIKE … ESCAPE '!'` pattern that finds `signal` as one whole element of a comma-joined list
    /// (`_` and `%` in the name are taken literally).
    public static func signalPattern(_ signal: String) -> String {
        var escaped = ""
        for character in signal {
            if character == "_" || character == "%" || character == "!" { escaped.append("!") }
            escaped.append(character)
        }
        return "%," + escaped + ",%"
    }

    /// A check of an expected label held: `1` when expected and equal, else `0` (an errored result has no actual labels).
    private static func held(_ field: String) -> String {
        "SUM(CASE WHEN expected_\(field) IS NOT NULL AND actual_\(field) = expected_\(field) THEN 1 ELSE 0 END)"
    }

    /// A check of an expected label made: `1` when the scenario expects the field.
    private static func made(_ field: String) -> String {
        "SUM(CASE WHEN expected_\(field) IS NOT NULL THEN 1 ELSE 0 END)"
    }

    /// The label columns in ``Expectation/fields`` order (suffixes of `expected_` and `actual_`).
    static let labelColumns = ["category", "escalate", "team", "priority", "sentiment", "churn_risk"]

    /// Per scenario (suite and id), in the order the run first met it: repeats, passed, then held and made per
    /// expected label in ``Expectation/fields`` order, then reply checks passed and made.
    public static let scenarios = """
        SELECT suite, scenario_id, COUNT(*), SUM(CASE WHEN status = 'passed' THEN 1 ELSE 0 END),
            \(labelColumns.map { "\(held($0)), \(made($0))" }.joined(separator: ",\n    ")),
            SUM(reply_passed), SUM(reply_total)
        FROM result WHERE run_id IN ({runs})
        GROUP BY suite, scenario_id
        ORDER BY MIN(run_id), MIN(ordinal)
        """

    /// Per scenario and pair of expected and actual category (actual NULL when errored): how many of its runs.
    public static let categoryCells = """
        SELECT suite, scenario_id, expected_category, actual_category, COUNT(*)
        FROM result WHERE run_id IN ({runs}) AND expected_category IS NOT NULL
        GROUP BY suite, scenario_id, expected_category, actual_category
        """

    /// Per suite: scenario runs, passed, errored, decided (with actual labels) and escalated.
    public static let suites = """
        SELECT suite, COUNT(*), SUM(CASE WHEN status = 'passed' THEN 1 ELSE 0 END),
            SUM(CASE WHEN status = 'errored' THEN 1 ELSE 0 END),
            SUM(CASE WHEN actual_category IS NOT NULL THEN 1 ELSE 0 END),
            SUM(CASE WHEN actual_category IS NOT NULL AND actual_escalate THEN 1 ELSE 0 END)
        FROM result WHERE run_id IN ({runs})
        GROUP BY suite
        """

    /// Per team escalated to: how many decided scenario runs went there.
    public static let teams = """
        SELECT actual_team, COUNT(*)
        FROM result WHERE run_id IN ({runs}) AND actual_category IS NOT NULL AND actual_escalate
        GROUP BY actual_team
        """

    /// Errored scenario runs per error class.
    public static let errorClasses = """
        SELECT error_class, COUNT(*)
        FROM result WHERE run_id IN ({runs}) AND error_class IS NOT NULL
        GROUP BY error_class
        """

    /// Per expected escalation tier: scenario runs, and those escalated.
    public static let tiers = """
        SELECT expected_tier, COUNT(*), SUM(CASE WHEN actual_category IS NOT NULL AND actual_escalate THEN 1 ELSE 0 END)
        FROM result WHERE run_id IN ({runs}) AND expected_tier IS NOT NULL
        GROUP BY expected_tier
        """

    /// Scenario ids of the runs of one tier (the second argument after the run ids) escalated (third: 1) or not (0), in run order.
    public static let tierIDs = """
        SELECT scenario_id FROM result
        WHERE run_id IN ({runs}) AND expected_tier = ?
            AND (CASE WHEN actual_category IS NOT NULL AND actual_escalate THEN 1 ELSE 0 END) = ?
        ORDER BY run_id, ordinal, repeat_index
        """

    /// Every latency, ascending: percentiles and the mean are read from it in one pass, in the order the
    /// Swift aggregation adds them (so the figures are the same to the last bit).
    public static let latencies = """
        SELECT latency_ms FROM result WHERE run_id IN ({runs}) ORDER BY latency_ms
        """

    /// The runs flagged as prompt injections (the flag is one of the comma-joined input signals; the argument
    /// after the run ids is ``signalPattern(_:)`` of it), in run order, with whether a label the scenario expects differs (always when errored).
    public static let injections = """
        SELECT suite, scenario_id, repeat_index,
            CASE WHEN actual_category IS NULL
                \(labelColumns.map { "OR (expected_\($0) IS NOT NULL AND actual_\($0) <> expected_\($0))" }.joined(separator: "\n        "))
            THEN 1 ELSE 0 END
        FROM result WHERE run_id IN ({runs}) AND ',' || input_signals || ',' LIKE ? ESCAPE '!'
        ORDER BY run_id, ordinal, repeat_index
        """
}
