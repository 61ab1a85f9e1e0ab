/// Escaping for the XML and HTML reports. Every piece of text that reaches a report through a scenario,
/// a ticket, a model or an error goes through one of these (the viewer's pages too).
public enum Markup {
    /// Whether XML 1.0 allows a character at all: tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, U+10000 and up.
    static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    /// Text for XML 1.0: characters XML forbids are dropped, C1 controls and bidirectional overrides become
    /// U+FFFD, `& < > " '` are escaped; in an attribute, tab, LF and
    /// CR are written as character references so a parser does not normalise them to spaces.
    static func xml(_ text: String, attribute: Bool = false) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars where isXMLCharacter(scalar) {
            if ReportText.isNeutralised(scalar), !["\t", "\n", "\r"].contains(scalar) {
                // C1 controls and bidirectional overrides are XML characters but act on terminals and readers.
                out.unicodeScalars.append("\u{FFFD}")
                continue
            }
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t" where attribute: out += "&#9;"
            case "\n" where attribute: out += "&#10;"
            case "\r" where attribute: out += "&#13;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Text for HTML, in element content or a quoted attribute: `& < > " '` escaped, and control characters
    /// other than tab, LF and CR, and bidirectional overrides, replaced by U+FFFD so they show instead of acting.
    public static func html(_ text: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                let shown = isXMLCharacter(scalar) && (!ReportText.isNeutralised(scalar) || ["\t", "\n", "\r"].contains(scalar))
                out.unicodeScalars.append(shown ? scalar : "\u{FFFD}")
            }
        }
        return out
    }
}
