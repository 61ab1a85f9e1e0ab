import TriageEngine

/// Neutralising for the plain-text, Markdown and CSV reports: text that comes from a scenario file, a ticket,
/// a model or an error is untrusted, and goes through one of these before it is written. (XML and HTML
/// escaping is ``Markup``'s; JSON is escaped by its encoder.)
///
/// - Control characters (ESC, BEL, backspace, C1 controls) would drive a terminal or a CI log that shows the
///   report: each is replaced by its visible Unicode control picture (ESC becomes `␛`), or by U+FFFD for the
///   C1 range, so the text shows what arrived without acting on it. Bidirectional overrides and isolates
///   (which can make text read differently from what it is) become U+FFFD too.
/// - In Markdown meant for pull-request comments, raw HTML (`<script>`, `<img>`) and Markdown syntax that
///   could forge a link, an image or a table cell is escaped so it shows literally.
/// - In CSV, a cell beginning with `=`, `+`, `-`, `@`, tab or CR would be read by a spreadsheet as a formula:
///   it gets a leading `'` (OWASP's advice for CSV injection), and is quoted as RFC 4180 requires.
enum ReportText {
    /// Text for a terminal, one line: control characters (line breaks included) shown as control pictures.
    static func terminal(_ text: String) -> String {
        neutralised(text, keep: [])
    }

    /// Text for a terminal that may span lines: tab and LF kept, other control characters shown as pictures.
    static func terminalBlock(_ text: String) -> String {
        neutralised(text, keep: ["\t", "\n"])
    }

    /// Text for a Markdown table cell or inline text: control characters shown as pictures, line breaks as
    /// spaces, HTML's `& < >` as entities, and the Markdown punctuation that could start a link, an image,
    /// a code span or a new cell (brackets, backquote, bar, backslash) backslash-escaped.
    /// Mentions (`@team`) and bare links (`https://…`, `www.…`) are broken with an invisible word joiner, so a
    /// pull-request comment notifies nobody and links nowhere.
    static func markdown(_ text: String) -> String {
        let flat = text.contains(where: \.isNewline) ? String(text.map { $0.isNewline ? " " : $0 }) : text
        let clean = defusingMentionsAndLinks(neutralised(flat, keep: []))
        guard clean.unicodeScalars.contains(where: { markdownSpecial.contains($0) }) else { return clean }
        var out = ""
        out.unicodeScalars.reserveCapacity(clean.unicodeScalars.count + 8)
        for scalar in clean.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default:
                if markdownSpecial.contains(scalar) { out += "\\" }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The word joiner (U+2060) put after `@` and inside `://` and `www.`: invisible, and no mention or autolink.
    static let joiner = "\u{2060}"

    /// `text` with mentions and bare links broken by ``joiner``.
    static func defusingMentionsAndLinks(_ text: String) -> String {
        var out = text
        if out.contains("@") { out = out.replacingOccurrences(of: "@", with: "@" + joiner) }
        if out.contains("://") { out = out.replacingOccurrences(of: "://", with: ":" + joiner + "//") }
        if out.range(of: "www.", options: .caseInsensitive) != nil {
            out = out.replacingOccurrences(of: "(?i)(www)\\.", with: "$1" + joiner + ".", options: .regularExpression)
        }
        return out
    }

    /// One CSV field: control characters other than tab, CR and LF shown as pictures; a leading `=`, `+`, `-`,
    /// `@`, tab or CR defused with `'`; quoted (quotes doubled) when it holds a comma, a quote, CR or LF.
    static func csv(_ text: String) -> String {
        var field = neutralised(text, keep: ["\t", "\n", "\r"])
        if let first = field.unicodeScalars.first, formulaStarts.contains(first) { field = "'" + field }
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Characters that make a spreadsheet read a cell as a formula when they come first.
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// Markdown punctuation escaped with a backslash (`& < >` become entities instead).
    static let markdownSpecial: Set<Unicode.Scalar> = ["\\", "`", "[", "]", "|", "&", "<", ">"]

    /// Whether a scalar is shown as something else: C0 controls, DEL, C1 controls, bidirectional controls.
    static func isNeutralised(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// `text` with every scalar ``isNeutralised(_:)`` says, except those in `keep`, replaced by its control
    /// picture (U+2400 + code for C0, U+2421 for DEL) or U+FFFD; any configured API key is redacted too.
    static func neutralised(_ text: String, keep: Set<Unicode.Scalar>) -> String {
        let redacted = Redaction.registered.isEmpty ? text : Redaction.redact(text, shapes: false)
        // Fast path: plain ASCII without controls (almost every label and id).
        if redacted.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return redacted }
        guard redacted.unicodeScalars.contains(where: { isNeutralised($0) && !keep.contains($0) }) else { return redacted }
        var out = ""
        out.unicodeScalars.reserveCapacity(redacted.unicodeScalars.count)
        for scalar in redacted.unicodeScalars {
            guard isNeutralised(scalar), !keep.contains(scalar) else {
                out.unicodeScalars.append(scalar)
                continue
            }
            switch scalar.value {
            case 0x00...0x1F: out.unicodeScalars.append(Unicode.Scalar(0x2400 + scalar.value)!)
            case 0x7F: out.unicodeScalars.append("\u{2421}")
            default: out.unicodeScalars.append("\u{FFFD}")
            }
        }
        return out
    }
}
