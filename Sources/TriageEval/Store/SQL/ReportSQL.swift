/// The SQL a report's aggregates and its per-scenario lines are read with, as plain portable text: `?`
/// placeholders, `CASE`, `COUNT`, `SUM`, `MIN`, `COALESCE` and `||` only, so SQLite and PostgreSQL run the same
/// statements. ``runList(_:runs:)`` writes one placeholder per run id into the text.
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

    /// Checks of an expected label that held: the rows where expected and actual are equal (a comparison with
    /// NULL, no expectation or no actual label as when errored, is not true, so `CASE` gives NULL, which `COUNT`
    /// skips). `COUNT` of a bare `CASE` is a third cheaper than `SUM(CASE … ELSE 0)` with an `IS NOT NULL` test:
    /// SQLite's grouped pass over 100,000 results took 0.63 s with those and 0.43 s with these.
    private static func held(_ field: String) -> String {
        "COUNT(CASE WHEN actual_\(field) = expected_\(field) THEN 1 END)"
    }

    /// Checks of an expected label made: the rows that expect the field.
    private static func made(_ field: String) -> String {
        "COUNT(expected_\(field))"
    }

    /// The label columns in ``Expectation/fields`` order (suffixes of `expected_` and `actual_`).
    static let labelColumns = ["category", "escalate", "team", "priority", "sentiment", "churn_risk"]

    /// Whether the run is flagged with the input signal whose ``signalPattern(_:)`` is the placeholder.
    private static let flagged = "',' || input_signals || ',' LIKE ? ESCAPE '!'"

    /// Whether a label the scenario expects differs from the one given (always when errored).
    private static let differs = "actual_category IS NULL "
        + labelColumns.map { "OR (expected_\($0) IS NOT NULL AND actual_\($0) <> expected_\($0))" }.joined(separator: " ")

    /// The columns the results are grouped by, in the order of SQLite's covering index `result_groups` (v12),
    /// so SQLite reads the groups off the index in order instead of sorting every row.
    static let groupColumns = ["run_id", "suite", "scenario_id", "status", "expected_category", "actual_category", "expected_tier",
                               "actual_escalate", "actual_team", "error_class"]

    /// The results grouped by everything a report counts, in one pass. Columns: run_id, suite, scenario_id,
    /// status, expected_category, actual_category, expected_tier, actual_escalate, actual_team, error_class (the
    /// ``groupColumns``), MIN(ordinal), COUNT(*), then held and made per expected label in ``Expectation/fields``
    /// order, then reply checks passed and made, then how many carry input signals (the runs ``injections``
    /// looks at), then how many failed a reply check (what a `fields.reply` gate lists). Arguments: the run ids.
    public static let groups = """
        SELECT \(groupColumns.joined(separator: ", ")), MIN(ordinal), COUNT(*),
            \(labelColumns.map { "\(held($0)), \(made($0))" }.joined(separator: ",\n    ")),
            SUM(reply_passed), SUM(reply_total), COUNT(input_signals), COUNT(CASE WHEN reply_passed < reply_total THEN 1 END)
        FROM result WHERE run_id IN ({runs})
        GROUP BY \(groupColumns.joined(separator: ", "))
        """

    /// The runs flagged as prompt injections, in stored order (a group's shards by ordinal): suite, scenario_id, repeat_index, whether a label
    /// they expect differs from the one given (0/1). Arguments: the run ids, then ``signalPattern(_:)`` of the
    /// injection signal.
    public static let injections = """
        SELECT suite, scenario_id, repeat_index, CASE WHEN \(differs) THEN 1 ELSE 0 END
        FROM result WHERE run_id IN ({runs}) AND input_signals IS NOT NULL AND \(flagged)
        ORDER BY ordinal, repeat_index, run_id
        """

    /// The text with `{suite}` replaced by ` AND suite = ?` when `suite`, else removed.
    public static func suiteCondition(_ sql: String, suite: Bool) -> String {
        sql.replacingOccurrences(of: "{suite}", with: suite ? " AND suite = ?" : "")
    }

    /// The latencies at consecutive ascending ranks (a percentile's one or two samples). Arguments: the run ids,
    /// the suite when ``suiteCondition(_:suite:)`` put it in, how many, the first rank.
    public static let latencyRanks = """
        SELECT latency_ms FROM result WHERE run_id IN ({runs}){suite} ORDER BY latency_ms LIMIT ? OFFSET ?
        """

    /// The first scenario ids slower than a threshold, in stored order (a group's shards by ordinal). Arguments:
    /// the run ids, the suite when put in, the threshold, how many.
    public static let slowIDs = """
        SELECT scenario_id FROM result WHERE run_id IN ({runs}){suite} AND latency_ms > ? ORDER BY ordinal, repeat_index, run_id LIMIT ?
        """

    /// The non-zero costs of the model under test in stored order, for Swift to add up as it adds results' costs
    /// (SQL's `SUM` of doubles may round otherwise). Arguments: the run ids, the suite when put in.
    public static let costs = """
        SELECT cost_usd FROM result WHERE run_id IN ({runs}){suite} AND cost_usd <> 0 ORDER BY ordinal, repeat_index, run_id
        """

    /// Every latency, ascending: percentiles and the mean are read from it in one pass, in the order the
    /// Swift aggregation adds them (so the figures are the same to the last bit).
    public static let latencies = """
        SELECT latency_ms FROM result WHERE run_id IN ({runs}) ORDER BY latency_ms
        """
}
