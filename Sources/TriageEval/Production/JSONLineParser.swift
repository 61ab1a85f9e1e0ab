/// A small JSON parser for one line of a JSON Lines file that keeps the column of every value and reports
/// syntax errors at the column where they occur (Foundation's parsers give neither reliably on Linux).
struct JSONLineParser {
    /// A syntax error at a 1-based column.
    struct SyntaxError: Error, Equatable {
        /// Where the parser stopped.
        let column: Int
        /// What it expected.
        let message: String
    }

    private let scalars: [Unicode.Scalar]
    private var index = 0

    /// Parses one line; the whole line must be a single JSON value.
    static func parse(_ line: String) throws(SyntaxError) -> JSONNode {
        var parser = JSONLineParser(scalars: Array(line.unicodeScalars))
        parser.skipSpace()
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        if parser.index < parser.scalars.count {
            throw SyntaxError(column: parser.index + 1, message: "unexpected \(parser.describe(parser.scalars[parser.index])) after the JSON value")
        }
        return value
    }

    private init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

    private mutating func skipSpace() {
        while index < scalars.count, [" ", "\t", "\r", "\n"].contains(scalars[index]) { index += 1 }
    }

    private func describe(_ scalar: Unicode.Scalar) -> String {
        scalar.value < 32 ? "control character U+\(String(scalar.value, radix: 16, uppercase: true))" : "\"\(Character(scalar))\""
    }

    private func fail(_ expected: String) -> SyntaxError {
        let found = index < scalars.count ? describe(scalars[index]) : "the end of the line"
        return SyntaxError(column: index + 1, message: "invalid JSON: expected \(expected), found \(found)")
    }

    private mutating func value(depth: Int) throws(SyntaxError) -> JSONNode {
        guard depth < 64 else { throw SyntaxError(column: index + 1, message: "invalid JSON: nested more than 64 levels deep") }
        guard index < scalars.count else { throw fail("a value") }
        let column = index + 1
        switch scalars[index] {
        case "{": return JSONNode(kind: try object(depth: depth), column: column)
        case "[": return JSONNode(kind: try array(depth: depth), column: column)
        case "\"": return JSONNode(kind: .string(try string()), column: column)
        case "t": try literal("true"); return JSONNode(kind: .bool(true), column: column)
        case "f": try literal("false"); return JSONNode(kind: .bool(false), column: column)
        case "n": try literal("null"); return JSONNode(kind: .null, column: column)
        case "-", "0"..."9": return JSONNode(kind: .number(try number()), column: column)
        default: throw fail("a value")
        }
    }

    private mutating func literal(_ word: String) throws(SyntaxError) {
        for scalar in word.unicodeScalars {
            guard index < scalars.count, scalars[index] == scalar else { throw fail("\"\(word)\"") }
            index += 1
        }
    }

    private mutating func object(depth: Int) throws(SyntaxError) -> JSONNode.Kind {
        index += 1
        var members: [(key: String, keyColumn: Int, value: JSONNode)] = []
        skipSpace()
        if index < scalars.count, scalars[index] == "}" { index += 1; return .object(members) }
        while true {
            skipSpace()
            guard index < scalars.count, scalars[index] == "\"" else { throw fail("a key in double quotes") }
            let keyColumn = index + 1
            let key = try string()
            if members.contains(where: { $0.key == key }) {
                throw SyntaxError(column: keyColumn, message: "duplicate key \"\(key)\"")
            }
            skipSpace()
            guard index < scalars.count, scalars[index] == ":" else { throw fail("\":\"") }
            index += 1
            skipSpace()
            members.append((key, keyColumn, try value(depth: depth + 1)))
            skipSpace()
            guard index < scalars.count else { throw fail("\",\" or \"}\"") }
            if scalars[index] == "," { index += 1; continue }
            if scalars[index] == "}" { index += 1; return .object(members) }
            throw fail("\",\" or \"}\"")
        }
    }

    private mutating func array(depth: Int) throws(SyntaxError) -> JSONNode.Kind {
        index += 1
        var elements: [JSONNode] = []
        skipSpace()
        if index < scalars.count, scalars[index] == "]" { index += 1; return .array(elements) }
        while true {
            skipSpace()
            elements.append(try value(depth: depth + 1))
            skipSpace()
            guard index < scalars.count else { throw fail("\",\" or \"]\"") }
            if scalars[index] == "," { index += 1; continue }
            if scalars[index] == "]" { index += 1; return .array(elements) }
            throw fail("\",\" or \"]\"")
        }
    }

    private mutating func string() throws(SyntaxError) -> String {
        index += 1
        var result = String.UnicodeScalarView()
        while true {
            guard index < scalars.count else { throw fail("a closing double quote") }
            let scalar = scalars[index]
            if scalar == "\"" { index += 1; return String(result) }
            if scalar.value < 0x20 { throw fail("a character (control characters must be escaped)") }
            if scalar != "\\" { result.append(scalar); index += 1; continue }
            index += 1
            guard index < scalars.count else { throw fail("an escape") }
            switch scalars[index] {
            case "\"": result.append("\"")
            case "\\": result.append("\\")
            case "/": result.append("/")
            case "b": result.append("\u{8}")
            case "f": result.append("\u{C}")
            case "n": result.append("\n")
            case "r": result.append("\r")
            case "t": result.append("\t")
            case "u":
                var code = try hex4()
                if (0xD800..<0xDC00).contains(code) {
                    guard index + 2 < scalars.count, scalars[index + 1] == "\\", scalars[index + 2] == "u" else { throw fail("a low surrogate escape") }
                    index += 2
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw fail("a low surrogate escape") }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let decoded = Unicode.Scalar(code) else { throw fail("a valid \\u escape") }
                result.append(decoded)
            default: throw fail("one of the escapes \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u")
            }
            index += 1
        }
    }

    /// Reads the four hex digits after `\u`, leaving `index` on the last one.
    private mutating func hex4() throws(SyntaxError) -> UInt32 {
        var code: UInt32 = 0
        for _ in 0..<4 {
            index += 1
            guard index < scalars.count, let digit = Character(scalars[index]).hexDigitValue else { throw fail("four hex digits") }
            code = code * 16 + UInt32(digit)
        }
        return code
    }

    private mutating func number() throws(SyntaxError) -> Double {
        let start = index
        if scalars[index] == "-" { index += 1 }
        guard index < scalars.count, ("0"..."9").contains(scalars[index]) else { throw fail("a digit") }
        if scalars[index] == "0" { index += 1 } else { digits() }
        if index < scalars.count, scalars[index] == "." {
            index += 1
            guard index < scalars.count, ("0"..."9").contains(scalars[index]) else { throw fail("a digit") }
            digits()
        }
        if index < scalars.count, scalars[index] == "e" || scalars[index] == "E" {
            index += 1
            if index < scalars.count, scalars[index] == "+" || scalars[index] == "-" { index += 1 }
            guard index < scalars.count, ("0"..."9").contains(scalars[index]) else { throw fail("a digit") }
            digits()
        }
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars[start..<index])
        // Digits past a double's range (1e400) would read as infinity; say so where the number starts.
        guard let value = Double(String(text)), value.isFinite else {
            throw SyntaxError(column: start + 1, message: "invalid JSON: number \(String(text)) is out of range")
        }
        return value
    }

    private mutating func digits() {
        while index < scalars.count, ("0"..."9").contains(scalars[index]) { index += 1 }
    }
}
