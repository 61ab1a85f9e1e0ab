import Foundation
import TriageEngine

/// A large suite made from existing scenarios, for `triage-eval bench suite`: the scenarios repeated in
/// order until there are `count`, each copy's id suffixed with its round (`-2`, `-3`, …; the first round
/// keeps the ids), written as plain YAML with every text double-quoted.
public enum LargeSuite {
    /// Writes the suite `name` of `count` scenarios cycled from `scenarios` to `path` (replacing it), a
    /// thousand scenarios per write so the text never sits in memory whole; returns the bytes written.
    @discardableResult
    public static func write(name: String, from scenarios: [Scenario], count: Int, to path: String) throws -> Int {
        precondition(!scenarios.isEmpty, "a large suite needs scenarios to repeat")
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        defer { try? handle.close() }
        var chunk = "suite: \(name)\ndescription: \(quoted("\(count) scenarios repeated from \(scenarios.count)"))\nscenarios:\n"
        var written = 0
        for index in 0..<count {
            let round = index / scenarios.count
            let scenario = scenarios[index % scenarios.count]
            append(scenario, id: round == 0 ? scenario.id : "\(scenario.id)-\(round + 1)", to: &chunk)
            if index % 1000 == 999 || index == count - 1 {
                let data = Data(chunk.utf8)
                try handle.write(contentsOf: data)
                written += data.count
                chunk = ""
            }
        }
        return written
    }

    /// One scenario as a list item of a `scenarios:` list.
    static func append(_ scenario: Scenario, id: String, to text: inout String) {
        let ticket = scenario.ticket
        text += "  - id: \(quoted(id))\n    channel: \(quoted(ticket.channel))\n    plan: \(quoted(ticket.plan))\n"
        text += "    customer: \(quoted(ticket.customer))\n"
        if let subject = ticket.subject { text += "    subject: \(quoted(subject))\n" }
        text += "    messages:\n"
        for message in ticket.messages {
            text += "      - role: \(quoted(message.role.rawValue))\n        text: \(quoted(message.text))\n"
        }
        let expected = Expectation.fields.compactMap { field in scenario.expect.value(of: field).map { (field.rawValue, $0) } }
        if !expected.isEmpty {
            text += "    expect:\n"
            for (key, value) in expected {
                let plain = value == "true" || value == "false"
                text += "      \(key): \(plain ? value : quoted(value))\n"
            }
        }
        if !scenario.reply.isEmpty {
            text += "    reply:\n"
            for assertion in scenario.reply {
                switch assertion {
                case let .contains(needle): text += "      - contains: \(quoted(needle))\n"
                case let .notContains(needle): text += "      - not_contains: \(quoted(needle))\n"
                case let .regex(pattern): text += "      - regex: \(quoted(pattern.source))\n"
                case let .maxChars(limit): text += "      - max_chars: \(limit)\n"
                case let .similar(reference, min): text += "      - similar: {to: \(quoted(reference)), min: \(min)}\n"
                case let .rubric(rubric): text += "      - rubric: \(quoted(rubric))\n"
                }
            }
        }
        if !scenario.tags.isEmpty { text += "    tags: [\(scenario.tags.map(quoted).joined(separator: ", "))]\n" }
    }

    /// A YAML double-quoted scalar: backslash, quote, control characters and the characters YAML reads as
    /// line breaks are escaped, so the value reads back exactly.
    static func quoted(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x85 || scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0xFEFF {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
