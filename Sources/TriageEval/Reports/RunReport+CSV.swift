import Foundation

extension RunReport {
    /// The CSV header: suite, id, repeat, status, `expected_X` and `actual_X` for each of ``Expectation/fields``,
    /// failed_checks, deciding_rule, latency_ms, error, prompt_injection, health.
    public static var csvHeader: [String] {
        ["suite", "id", "repeat", "status"] + Expectation.fields.flatMap { ["expected_\($0)", "actual_\($0)"] }
            + ["failed_checks", "deciding_rule", "latency_ms", "error", "prompt_injection", "health"]
    }

    /// The results as RFC 4180 CSV: a header row, then one row per scenario run; CRLF line ends; a field with
    /// a comma, a double quote, CR or LF is quoted, its quotes doubled. An empty field is a label not expected
    /// (or, for `actual_X`, an errored scenario); failed checks are joined with `; `; `prompt_injection` is
    /// `true` for a ticket flagged as a suspected prompt injection; `health` is the conversation's health score
    /// when it was scored, else empty. Every field is neutralised by
    /// ``ReportText/csv(_:)``: a cell that would start a spreadsheet formula gets a leading `'`, and control
    /// characters other than tab, CR and LF show as control pictures.
    public func renderCSV() -> String {
        var out = Self.csvRow(Self.csvHeader)
        for result in results {
            var row = [result.suite, result.id, String(result.repeat), result.status]
            for field in Expectation.fields {
                row.append(result.expected.value(of: field) ?? "")
                row.append(result.actual?.value(of: field) ?? "")
            }
            row += [Self.failureSummary(result), result.decidingRule ?? "", String(format: "%.3f", result.latencyMs), result.error ?? "",
                    result.promptInjection ? "true" : "false", result.health.map(String.init) ?? ""]
            out += Self.csvRow(row)
        }
        return out
    }

    static func csvRow(_ fields: [String]) -> String {
        fields.map(csvField).joined(separator: ",") + "\r\n"
    }

    static func csvField(_ text: String) -> String {
        ReportText.csv(text)
    }
}
