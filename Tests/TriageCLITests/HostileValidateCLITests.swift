import Foundation
import Testing

/// A few hostile files through the built binary's `validate`: exit 2 and a file:line:col error, quickly.
@Suite("CLI validate on hostile files", .serialized)
struct HostileValidateCLITests {
    /// A scratch copy of the shipped rules and prompts with one file replaced by `bytes`.
    static func workspace(replacing relative: String, with bytes: [UInt8]) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("triage-eval-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for folder in ["rules", "prompts"] {
            try FileManager.default.copyItem(atPath: CLI.root + "/" + folder, toPath: directory.appendingPathComponent(folder).path)
        }
        try FileManager.default.copyItem(atPath: CLI.root + "/Tests/Fixtures/cli/pass.yaml", toPath: directory.appendingPathComponent("suite.yaml").path)
        let target = directory.appendingPathComponent(relative)
        try? FileManager.default.removeItem(at: target)
        try Data(bytes).write(to: target)
        return directory
    }

    static func validate(_ directory: URL) throws -> CLI.Output {
        try CLI.run(["validate", "--rules", directory.path + "/rules", "--prompts", directory.path + "/prompts", directory.path + "/suite.yaml"])
    }

    @Test func catastrophicRegexNamesTheConstruct() throws {
        let text = try String(contentsOfFile: CLI.root + "/rules/escalation.yaml", encoding: .utf8)
            .replacingOccurrences(of: "rules:\n", with: "rules:\n  - {id: evil, tier: likely, team: billing, when: {text_pattern: \"(a+)+(?=b)\"}}\n")
            .replacingOccurrences(of: "precedence:\n", with: "precedence:\n  - evil\n")
        let directory = try Self.workspace(replacing: "rules/escalation.yaml", with: Array(text.utf8))
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try Self.validate(directory)
        #expect(result.status == 2)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("id: evil") }! + 1
        #expect(result.stderr.hasPrefix("""
            \(directory.path)/rules/escalation.yaml:\(line):72: error: invalid regular expression "(a+)+(?=b)": lookahead (?= is not supported (patterns must run in time linear in the text)
            """))
    }

    @Test func billionLaughsFailsWithThePositionOfTheAlias() throws {
        var laughs = "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 { laughs += "l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ") + "]\n" }
        let directory = try Self.workspace(replacing: "suite.yaml", with: Array(laughs.utf8))
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try Self.validate(directory)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("\(directory.path)/suite.yaml:4:"))
        #expect(result.stderr.contains("error: alias *l2 expands the file past 10000 nodes"))
    }

    @Test(arguments: [
        ("rules/lexicon.yaml", [UInt8]("negators: [not, n".utf8) + [0xFF] + [UInt8]("o]\n".utf8), "1:18: error: invalid UTF-8 (byte 0xFF); expected UTF-8 text"),
        ("rules/taxonomy.yaml", [UInt8]("categories:\n  - {name: a\u{0}b}\n".utf8), "2:13: error: invalid YAML: control characters are not allowed (found U+0000)"),
        ("suite.yaml", [UInt8]("suite: s\nscenarios:\n  - id: \"\"\n".utf8), "3:9: error: expected scenario id (text), found an empty text \"\""),
    ])
    func badBytesAndEmptyValuesArePositioned(_ file: String, _ bytes: [UInt8], _ expected: String) throws {
        let directory = try Self.workspace(replacing: file, with: bytes)
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try Self.validate(directory)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("\(directory.path)/\(file):\(expected)"), "\(result.stderr)")
    }
}
