import Foundation

/// Hostile and malformed variants of every kind of file the loaders read, generated at test time from a
/// valid base file of each kind: truncations, type confusion, deep nesting, huge scalars, aliases, bad
/// UTF-8, BOMs, NULs and control characters, tabs, line endings, duplicate and unknown keys, evil regular
/// expressions, empty strings, odd documents and numbers.
enum HostileCorpus {
    /// The kinds of file, each with the loader that reads it in the test.
    enum Kind: String, CaseIterable, Sendable {
        case taxonomy, lexicon, escalation, replies, prompt, models, suite
    }

    /// One generated file.
    struct Case: Sendable, CustomStringConvertible {
        var kind: Kind
        var mutation: String
        var bytes: [UInt8]
        var description: String { "\(kind.rawValue)/\(mutation)" }
    }

    /// Patterns a backtracking engine hangs on or the linear engine rejects, and plain invalid ones.
    static let evilPatterns = [
        "(a+)+$", "(a|a)*b", "(.*)*x", "(\\\\w+)\\\\1", "x(?=y)", "(?<!x)y", "(?>a+)b", "a*+b", "a{1001}", "((a{999}){999})",
        "(unclosed", "[z-a]", "\\\\p{L}", "*", "",
    ]

    /// Every mutation of every base file.
    static func cases(bases: [Kind: String]) -> [Case] {
        var result: [Case] = []
        for kind in Kind.allCases {
            guard let base = bases[kind] else { continue }
            for (name, bytes) in mutations(of: base, kind: kind) { result.append(Case(kind: kind, mutation: name, bytes: bytes)) }
        }
        return result
    }

    static func mutations(of base: String, kind: Kind) -> [(String, [UInt8])] {
        var out: [(String, [UInt8])] = []
        func add(_ name: String, _ text: String) { out.append((name, Array(text.utf8))) }
        func addBytes(_ name: String, _ bytes: [UInt8]) { out.append((name, bytes)) }
        let bytes = Array(base.utf8)
        let lines = base.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let valueLines = lines.indices.filter { lines[$0].contains(": ") && !lines[$0].trimmingCharacters(in: .whitespaces).hasPrefix("#") }

        add("original", base)
        // Truncations at evenly spaced byte offsets (some split a multi-byte character).
        for step in 1...5 {
            let cut = bytes.count * step / 6
            addBytes("truncated at byte \(cut)", Array(bytes[..<cut]))
        }
        // Type confusion and empty values on the first lines holding a value.
        for (number, index) in valueLines.prefix(3).enumerated() {
            let line = lines[index]
            let key = line[..<line.range(of: ": ")!.upperBound]
            for (label, value) in [("list", "[1, [2, {x: y}]]"), ("mapping", "{a: {b: c}}"), ("empty string", "\"\""), ("null", "~"),
                                   ("number", "1e999"), ("bool", "yes"), ("whitespace", "'   '")] {
                var copy = lines
                copy[index] = key + value
                add("\(label) at value \(number + 1)", copy.joined(separator: "\n"))
            }
            var removed = lines
            removed.remove(at: index)
            add("line \(index + 1) removed", removed.joined(separator: "\n"))
        }
        // Deep nesting, beyond the engine's depth limit and beyond libyaml's.
        for depth in [70, 1_500] {
            add("nested \(depth) deep", "deep: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n" + base)
            add("nested mapping \(depth) deep", "deep: " + String(repeating: "{a: ", count: depth) + "b" + String(repeating: "}", count: depth) + "\n" + base)
        }
        // Huge scalars: a value, a key, a line.
        let huge = String(repeating: "a", count: 1 << 16)
        if let first = valueLines.first {
            var copy = lines
            copy[first] = copy[first][..<copy[first].range(of: ": ")!.upperBound] + "\"" + huge + "\""
            add("64 KiB value", copy.joined(separator: "\n"))
        }
        add("64 KiB key", huge + ": 1\n" + base)
        add("64 KiB comment", "# " + huge + "\n" + base)
        // Aliases: a billion laughs, an undefined alias, a self-referencing merge, an alias as a key.
        var laughs = "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 { laughs += "l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ") + "]\n" }
        add("billion laughs", laughs + base)
        add("billion laughs at the end", base + "\n" + laughs)
        add("undefined alias", "x: *nowhere\n" + base)
        add("merge key", "base: &b {a: 1}\nother:\n  <<: *b\n" + base)
        add("alias as key", "k: &k name\n*k : v\n" + base)
        add("anchor on root", "--- &root\n" + base)
        // Bytes that are not UTF-8, at the start, in the middle and at the end.
        let invalid: [(String, [UInt8])] = [("0xFF", [0xFF]), ("C3 28", [0xC3, 0x28]), ("truncated E2 82", [0xE2, 0x82]),
                                            ("surrogate ED A0 80", [0xED, 0xA0, 0x80]), ("overlong C0 AF", [0xC0, 0xAF])]
        for (label, sequence) in invalid {
            for (place, offset) in [("start", 0), ("middle", bytes.count / 2)] {
                addBytes("invalid UTF-8 \(label) at \(place)", Array(bytes[..<offset]) + sequence + Array(bytes[offset...]))
            }
        }
        // Byte order marks and control characters.
        addBytes("BOM at start", [0xEF, 0xBB, 0xBF] + bytes)
        addBytes("BOM in the middle", Array(bytes[..<(bytes.count / 2)]) + [0xEF, 0xBB, 0xBF] + Array(bytes[(bytes.count / 2)...]))
        addBytes("UTF-16 BOM", [0xFF, 0xFE] + bytes)
        for control: UInt8 in [0x00, 0x01, 0x07, 0x1B, 0x7F] {
            addBytes("control 0x\(String(control, radix: 16)) in the middle", Array(bytes[..<(bytes.count / 2)]) + [control] + Array(bytes[(bytes.count / 2)...]))
        }
        addBytes("NUL at start", [0] + bytes)
        addBytes("NUL at end", bytes + [0])
        add("C1 control U+009B", "x: \"\u{9B}\"\n" + base)
        add("right-to-left override", base.replacingOccurrences(of: ": ", with: ": \u{202E}", options: [], range: base.range(of: ": ")))
        // Tabs and line endings.
        for index in lines.indices.filter({ lines[$0].hasPrefix("  ") }).prefix(2) {
            var copy = lines
            copy[index] = "\t" + copy[index].dropFirst(2)
            add("tab indentation on line \(index + 1)", copy.joined(separator: "\n"))
        }
        add("CRLF line endings", lines.joined(separator: "\r\n"))
        add("CR line endings", lines.joined(separator: "\r"))
        add("no final newline", base.trimmingCharacters(in: .newlines))
        // Duplicate and unknown keys.
        if let first = lines.firstIndex(where: { !$0.hasPrefix(" ") && !$0.hasPrefix("#") && $0.contains(":") }) {
            var copy = lines
            copy.insert(lines[first], at: first + 1)
            add("duplicate top-level key", copy.joined(separator: "\n"))
        }
        add("unknown top-level key", "bogus_key: 1\n" + base)
        if let nested = lines.firstIndex(where: { $0.hasPrefix("    ") && $0.contains(": ") }) {
            var copy = lines
            copy.insert(String(lines[nested].prefix { $0 == " " }) + "bogus_key: 1", at: nested + 1)
            add("unknown nested key", copy.joined(separator: "\n"))
        }
        // Odd documents.
        for (label, text) in [("empty", ""), ("whitespace only", "  \n\n \t\n"), ("comments only", "# a\n# b\n"), ("document marker", "---\n"),
                              ("document end", "...\n"), ("null root", "~\n"), ("list root", "- a\n- b\n"), ("scalar root", "42\n"),
                              ("two documents", base + "\n---\n" + base), ("flow garbage", "{[}]\n"), ("unterminated quote", "a: \"b\n"),
                              ("tag", "!!binary aGVsbG8=\n"), ("custom tag root", "!thing\n" + base), ("directive", "%YAML 1.1\n---\n" + base),
                              ("NUL only", "\u{0}"), ("key without value", "a:\n")] {
            add("document: \(label)", text)
        }
        // Evil and invalid regular expressions where each kind takes a pattern.
        for pattern in evilPatterns {
            switch kind {
            case .escalation:
                add("text_pattern \(pattern)", base.replacingOccurrences(of: "text_pattern: \"refund\"", with: "text_pattern: \"\(pattern)\""))
            case .lexicon:
                add("injection pattern \(pattern)", base + "\ninjection_patterns: [\"\(pattern)\"]\n")
            case .replies:
                add("redact pattern \(pattern)", base.replacingOccurrences(of: "redact:\n", with: "redact:\n  - \"\(pattern)\"\n"))
            case .suite:
                add("reply regex \(pattern)", base + "    reply: [{regex: \"\(pattern)\"}]\n")
            case .taxonomy, .prompt, .models:
                break
            }
        }
        // Numbers where text is expected and text where numbers are.
        for (label, replacement) in [("NaN", ".nan"), ("infinity", ".inf"), ("negative zero", "-0"), ("hex", "0x1F"), ("huge integer", "99999999999999999999999")] {
            if let match = base.range(of: #"(?<=: )[0-9]+(\.[0-9]+)?"#, options: .regularExpression) {
                add("number as \(label)", base.replacingCharacters(in: match, with: replacement))
            }
        }
        return out
    }
}
