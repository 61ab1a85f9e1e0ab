/// A forgiving reader for the JSON that models write: finds the first balanced `{…}` in surrounding prose
/// or fences, and accepts trailing commas, single-quoted strings, unquoted keys and words, `True`/`False`/
/// `None`, and `//` or `/* */` comments. Pure; never throws.
public enum LenientJSON {
    /// What a search for an object found.
    public enum Found: Equatable, Sendable {
        /// The first balanced object that parsed and satisfied the predicate (or, failing that, the first that
        /// parsed).
        case object([String: JSONValue])
        /// A `{` was found but never closed: the answer was cut off.
        case truncated
        /// Balanced braces were found but none held a readable object.
        case unreadable
        /// No `{` at all.
        case none
    }

    /// How many `{` positions are tried before giving up: real answers put theirs among the first few.
    public static let maxAttempts = 64

    /// The first object in `text` for which `accept` holds; `accept` lets a caller skip `{placeholder}` prose
    /// and objects of the wrong shape before the real answer.
    public static func firstObject(in text: String, where accept: ([String: JSONValue]) -> Bool = { _ in true }) -> Found {
        let scalars = Array(withoutThinking(text).unicodeScalars)
        var fallback: [String: JSONValue]?
        var sawBrace = false
        var sawUnclosed = false
        var start = 0
        var attempts = 0
        // Each attempt scans to the matching brace; a bound keeps brace-heavy noise linear.
        while start < scalars.count, attempts < maxAttempts {
            guard scalars[start] == "{" else { start += 1; continue }
            sawBrace = true
            attempts += 1
            guard let end = matchingBrace(scalars, from: start) else {
                sawUnclosed = true
                start += 1
                continue
            }
            var parser = Parser(scalars: scalars, position: start, end: end + 1)
            if case let .object(object)? = parser.parseValue() {
                if accept(object) { return .object(object) }
                if fallback == nil { fallback = object }
                start = end + 1
            } else {
                start += 1
            }
        }
        if let fallback { return .object(fallback) }
        if sawUnclosed { return .truncated }
        return sawBrace ? .unreadable : .none
    }

    /// Parses one JSON value leniently; nil when the text is not one.
    static func parse(_ text: String) -> JSONValue? {
        let scalars = Array(text.unicodeScalars)
        var parser = Parser(scalars: scalars, position: 0, end: scalars.count)
        guard let value = parser.parseValue() else { return nil }
        parser.skipSpace()
        return parser.position == parser.end ? value : nil
    }

    /// The text without `<think>…</think>` blocks (reasoning models put drafts there); an unclosed block
    /// removes everything after it.
    static func withoutThinking(_ text: String) -> String {
        guard text.contains("<think>") else { return text }
        var result = ""
        var rest = Substring(text)
        while let open = rest.range(of: "<think>") {
            result += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "</think>") else { return result }
            rest = rest[close.upperBound...]
        }
        return result + rest
    }

    /// The index of the `}` closing the `{` at `start`, skipping braces inside strings; nil when unclosed.
    static func matchingBrace(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        var depth = 0
        var quote: Unicode.Scalar?
        var index = start
        var previous: Unicode.Scalar = " "
        while index < scalars.count {
            let scalar = scalars[index]
            if let open = quote {
                if scalar == "\\" { index += 2; continue }
                if scalar == open { quote = nil; previous = open }
            } else {
                switch scalar {
                case "\"": quote = scalar
                // A single quote opens a string only where a value or key can start, so apostrophes in
                // unquoted words ("it's") do not.
                case "'" where ["{", "[", ",", ":"].contains(previous): quote = scalar
                case "{": depth += 1
                case "}":
                    depth -= 1
                    if depth == 0 { return index }
                default: break
                }
                if !scalar.properties.isWhitespace { previous = scalar }
            }
            index += 1
        }
        return nil
    }

    /// A recursive-descent parser over a range of scalars.
    struct Parser {
        let scalars: [Unicode.Scalar]
        var position: Int
        let end: Int
        private var depth = 0

        init(scalars: [Unicode.Scalar], position: Int, end: Int) {
            self.scalars = scalars
            self.position = position
            self.end = end
        }

        private var current: Unicode.Scalar? { position < end ? scalars[position] : nil }

        mutating func skipSpace() {
            while let scalar = current {
                if scalar.properties.isWhitespace { position += 1; continue }
                if scalar == "/", position + 1 < end {
                    if scalars[position + 1] == "/" {
                        while let next = current, next != "\n" { position += 1 }
                        continue
                    }
                    if scalars[position + 1] == "*" {
                        position += 2
                        while position + 1 < end, !(scalars[position] == "*" && scalars[position + 1] == "/") { position += 1 }
                        position = min(end, position + 2)
                        continue
                    }
                }
                return
            }
        }

        mutating func parseValue() -> JSONValue? {
            skipSpace()
            guard let scalar = current, depth < 64 else { return nil }
            switch scalar {
            case "{": return parseObject()
            case "[": return parseArray()
            case "\"", "'": return parseString().map { .string($0) }
            default: return parseWord()
            }
        }

        private mutating func parseObject() -> JSONValue? {
            depth += 1
            defer { depth -= 1 }
            position += 1
            var object: [String: JSONValue] = [:]
            while true {
                skipSpace()
                guard let scalar = current else { return nil }
                if scalar == "}" { position += 1; return .object(object) }
                if scalar == "," { position += 1; continue }
                let key: String
                if scalar == "\"" || scalar == "'" {
                    guard let quoted = parseString() else { return nil }
                    key = quoted
                } else {
                    key = readWord(stoppingAt: [":", "}", ","])
                    if key.isEmpty { return nil }
                }
                skipSpace()
                guard current == ":" || current == "=" else { return nil }
                position += 1
                guard let value = parseValue() else { return nil }
                object[key] = value
                skipSpace()
                guard let next = current, next == "," || next == "}" else { return nil }
            }
        }

        private mutating func parseArray() -> JSONValue? {
            depth += 1
            defer { depth -= 1 }
            position += 1
            var array: [JSONValue] = []
            while true {
                skipSpace()
                guard let scalar = current else { return nil }
                if scalar == "]" { position += 1; return .array(array) }
                if scalar == "," { position += 1; continue }
                guard let value = parseValue() else { return nil }
                array.append(value)
                skipSpace()
                guard let next = current, next == "," || next == "]" else { return nil }
            }
        }

        private mutating func parseString() -> String? {
            guard let quote = current else { return nil }
            position += 1
            var result = String.UnicodeScalarView()
            while let scalar = current {
                position += 1
                if scalar == quote { return String(result) }
                guard scalar == "\\" else { result.append(scalar); continue }
                guard let escaped = current else { return nil }
                position += 1
                switch escaped {
                case "n": result.append("\n")
                case "t": result.append("\t")
                case "r": result.append("\r")
                case "b": result.append("\u{08}")
                case "f": result.append("\u{0C}")
                case "u":
                    guard let unit = hex4() else { return nil }
                    if (0xD800..<0xDC00).contains(unit), current == "\\", position + 1 < end, scalars[position + 1] == "u" {
                        position += 2
                        guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                        result.append(Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)) ?? "\u{FFFD}")
                    } else {
                        result.append(Unicode.Scalar(unit) ?? "\u{FFFD}")
                    }
                default: result.append(escaped)
                }
            }
            return nil
        }

        private mutating func hex4() -> UInt32? {
            guard position + 4 <= end else { return nil }
            var value: UInt32 = 0
            for _ in 0..<4 {
                guard let digit = UInt32(String(scalars[position]), radix: 16) else { return nil }
                value = value * 16 + digit
                position += 1
            }
            return value
        }

        /// A bare token up to a delimiter: a number, `true`/`false`/`null` in any case, `None`, or a word.
        private mutating func parseWord() -> JSONValue? {
            let word = readWord(stoppingAt: [",", "}", "]"])
            guard !word.isEmpty else { return nil }
            switch word.lowercased() {
            case "true": return .bool(true)
            case "false": return .bool(false)
            case "null", "none": return .null
            default: break
            }
            if let int = Int(word) { return .int(int) }
            if let double = Double(word), double.isFinite, word.unicodeScalars.allSatisfy({ "0123456789.eE+-".unicodeScalars.contains($0) }) {
                return .double(double)
            }
            return .string(word)
        }

        private mutating func readWord(stoppingAt stops: Set<Unicode.Scalar>) -> String {
            var word = String.UnicodeScalarView()
            while let scalar = current, !stops.contains(scalar), scalar != "\n" {
                word.append(scalar)
                position += 1
            }
            var text = String(word)
            while text.last?.isWhitespace == true { text.removeLast() }
            return text
        }
    }
}
