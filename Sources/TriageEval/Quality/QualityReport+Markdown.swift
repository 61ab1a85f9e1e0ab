extension QualityReport {
    /// A markdown section (`## Conversation quality`) with one table row per failed check.
    public func markdown() -> String {
        var lines = ["## Conversation quality", "", headline + ".", "", "_" + method + "_"]
        if !failed.isEmpty {
            lines += ["", "| Conversation | Health | Check | Earlier turn | Later turn |", "|---|---:|---|---|---|"]
            for conversation in failed {
                for finding in conversation.findings {
                    let cells = ["`\(conversation.id)`", "\(conversation.health)", Self.label(finding),
                                 "\(finding.earlier.number): \(Self.preview(finding.earlier.text))", "\(finding.later.number): \(Self.preview(finding.later.text))"]
                    lines.append("| " + cells.map(Self.cell).joined(separator: " | ") + " |")
                }
            }
        }
        if !errored.isEmpty {
            lines += ["", "Errored (not scored):", "", "| Conversation | Error |", "|---|---|"]
            for conversation in errored {
                lines.append("| " + ["`\(conversation.id)`", Self.preview(conversation.message, limit: 600)].map(Self.cell).joined(separator: " | ") + " |")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A table cell: pipes escaped, and `<`, `>` and `&` as entities so turn text cannot inject HTML.
    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "|", with: "\\|")
    }
}
