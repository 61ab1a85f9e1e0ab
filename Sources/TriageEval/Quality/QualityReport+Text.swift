import Foundation

extension QualityReport {
    /// The most characters of a turn shown in text and markdown (the JSON has the whole turn).
    static let turnPreview = 200

    /// The headline: how many, mean health, and what did the checking.
    var headline: String {
        let scored = "\(conversations) conversation" + (conversations == 1 ? "" : "s") + (errored.isEmpty ? "" : " scored, \(errored.count) errored")
        return scored + ", mean health \(String(format: "%.1f", meanHealth)); \(withLoops) with loops, \(withContradictions) with contradictions"
    }

    /// How loops and contradictions were found.
    var method: String {
        "loops: similarity >= \(String(format: "%.2f", threshold)) by \(embeddingModel); contradictions: \(contradictionCheck)"
    }

    /// A turn's text on one line, cut to ``turnPreview`` characters, with control characters (terminal escape
    /// sequences in customer-controlled text) shown as U+FFFD.
    static func preview(_ text: String, limit: Int = turnPreview) -> String {
        let joined = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        let line = String(String.UnicodeScalarView(joined.unicodeScalars.map { $0.properties.generalCategory == .control ? "\u{FFFD}" : $0 }))
        return line.count > limit ? String(line.prefix(limit)) + "…" : line
    }

    /// What a finding is, e.g. `loop (similarity 0.97)`.
    static func label(_ finding: QualityFinding) -> String { "\(finding.kind.rawValue) (\(finding.reason))" }

    /// Plain text for a terminal.
    public func text() -> String {
        var lines = ["Conversation quality: " + headline, "  " + method]
        for conversation in failed {
            lines.append("")
            lines.append("\(conversation.id) (health \(conversation.health), \(conversation.source))")
            for finding in conversation.findings {
                lines.append("  " + Self.label(finding))
                lines.append("    turn \(finding.earlier.number): \"\(Self.preview(finding.earlier.text))\"")
                lines.append("    turn \(finding.later.number): \"\(Self.preview(finding.later.text))\"")
            }
        }
        for conversation in errored {
            lines.append("")
            lines.append("\(conversation.id) (errored, not scored, \(conversation.source))")
            lines.append("  " + Self.preview(conversation.message, limit: 600))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
