extension YAMLNode {
    /// This node as a regular expression for the linear-time engine; a pattern that does not compile, or
    /// uses a construct the engine rejects, is an error positioned at that construct inside the file.
    public func regex(what: String = "a regular expression", caseInsensitive: Bool) throws -> LinearRegex {
        let source = try string(what: what)
        do {
            return try LinearRegex(source, caseInsensitive: caseInsensitive)
        } catch {
            throw self.error(error, pattern: source)
        }
    }

    /// The error for a pattern of this node, with the caret on the offending construct when the pattern
    /// stands on one line of the file (plain or quoted); otherwise at the node, naming the character.
    public func error(_ regexError: RegexSyntaxError, pattern: String) -> LoadError {
        let message = "invalid regular expression \(Self.quoted(pattern)): \(regexError.message)"
        if let column = sourceColumn(ofScalar: regexError.offset, in: pattern) {
            return LoadError(file: file.path, line: line, column: column, message: message, source: file.text)
        }
        return error("\(message) (character \(regexError.offset + 1) of the pattern)")
    }

    /// A pattern for a message: quoted, control characters escaped, cut to 80 characters.
    static func quoted(_ pattern: String) -> String {
        var shown = ""
        var count = 0
        for scalar in pattern.unicodeScalars {
            if count == 80 { shown += "…"; break }
            if scalar.value < 0x20 || scalar.value == 0x7F { shown += "\\u{\(String(scalar.value, radix: 16))}" } else { shown.unicodeScalars.append(scalar) }
            count += 1
        }
        return "\"\(shown)\""
    }

    /// The 1-based column in the file of the scalar at `offset` of this scalar node's value, found by
    /// re-reading the node's text on its line (quotes and escapes undone); nil when it cannot be found.
    func sourceColumn(ofScalar offset: Int, in value: String) -> Int? {
        let style = scalarStyle
        guard kind == .scalar, line > 0, column > 0 else { return nil }
        let lines = file.text.split(separator: "\n", omittingEmptySubsequences: false)
        guard line <= lines.count else { return nil }
        let raw = Array(lines[line - 1].unicodeScalars)
        var index = column - 1
        let expected = Array(value.unicodeScalars)
        guard index <= raw.count, offset <= expected.count else { return nil }
        // Walk the raw text, decoding one value scalar at a time, until `offset` of them are decoded.
        var decoded = 0
        switch style {
        case .plain:
            break
        case .singleQuoted, .doubleQuoted:
            guard index < raw.count, raw[index] == (style == .singleQuoted ? "'" : "\"") else { return nil }
            index += 1
        default:
            return nil
        }
        while decoded < offset {
            guard index < raw.count else { return nil }
            let character = raw[index]
            var produced: Unicode.Scalar? = character
            var width = 1
            if style == .singleQuoted && character == "'" {
                guard index + 1 < raw.count, raw[index + 1] == "'" else { return nil }
                width = 2
            } else if style == .doubleQuoted && character == "\\" {
                guard index + 1 < raw.count else { return nil }
                switch raw[index + 1] {
                case "x": width = 4
                case "u": width = 6
                case "U": width = 10
                default: width = 2
                }
                produced = nil
            } else if style == .doubleQuoted && character == "\"" {
                return nil
            }
            if let produced, produced != expected[decoded] { return nil }
            decoded += 1
            index += width
        }
        return index + 1
    }
}
