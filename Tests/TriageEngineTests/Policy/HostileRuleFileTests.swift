import Foundation
import Testing
@testable import TriageEngine

/// Defects 1, 2 and 9 of issue 8 in rule files: every hostile or empty value is a positioned error with the
/// exact text pinned, and patterns run in linear time.
@Suite("Hostile rule files")
struct HostileRuleFileTests {
    static func rule(_ when: String, tier: String = "likely", extra: String = "") -> String {
        """
        rules:
          - id: a
            tier: \(tier)
            team: billing
            when: \(when)
        \(extra)precedence: [a]
        priority: []
        """
    }

    @Test func backreferenceInTextPatternIsPositionedAtTheConstruct() {
        let text = Self.rule(#"{text_pattern: "(\\w+)\\1 refund"}"#)
        #expect(Fixtures.errorText { try Fixtures.policy(escalation: text) } == #"""
            rules/escalation.yaml:5:33: error: invalid regular expression "(\w+)\1 refund": backreference \1 is not supported (patterns must run in time linear in the text)
                when: {text_pattern: "(\\w+)\\1 refund"}
                                            ^
            """#)
    }

    @Test func lookaheadInPlainTextPattern() {
        let text = Self.rule("{text_pattern: refund(?!ed) now}")
        #expect(Fixtures.errorText { try Fixtures.policy(escalation: text) } == """
            rules/escalation.yaml:5:32: error: invalid regular expression "refund(?!ed) now": negative lookahead (?! is not supported (patterns must run in time linear in the text)
                when: {text_pattern: refund(?!ed) now}
                                           ^
            """)
    }

    @Test func injectionPatternInTheLexiconIsPositioned() throws {
        let lexicon = try String(contentsOfFile: Fixtures.root + "/rules/lexicon.yaml", encoding: .utf8)
            + "\ninjection_patterns:\n  - 'ignore (?=all)'\n"
        let line = lexicon.split(separator: "\n", omittingEmptySubsequences: false).count - 1
        #expect(Fixtures.errorText { try Fixtures.policy(lexicon: lexicon) } == """
            rules/lexicon.yaml:\(line):13: error: invalid regular expression "ignore (?=all)": lookahead (?= is not supported (patterns must run in time linear in the text)
              - 'ignore (?=all)'
                        ^
            """)
    }

    @Test func redactPatternInReplyTemplatesIsPositioned() throws {
        let text = try String(contentsOfFile: Fixtures.root + "/prompts/replies.yaml", encoding: .utf8)
            .replacingOccurrences(of: #"  - "\\bTF-[0-9A-Z-]+""#, with: #"  - "\\bTF-(?>[0-9A-Z-]+)""#)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("(?>") }! + 1
        #expect(Fixtures.errorText { try ReplyTemplates.load(file: YAMLFile(path: "prompts/replies.yaml", text: text), taxonomy: Fixtures.policy.taxonomy) } == #"""
            prompts/replies.yaml:\#(line):12: error: invalid regular expression "\bTF-(?>[0-9A-Z-]+)": atomic group (?> is not supported (patterns must run in time linear in the text)
              - "\\bTF-(?>[0-9A-Z-]+)"
                       ^
            """#)
    }

    @Test func patternThatBacktracksCatastrophicallyElsewhereRunsHere() async throws {
        // `(a+)+$` hung the run on a 43-character ticket with the backtracking engine; it is linear here.
        let policy = try Fixtures.policy(escalation: Self.rule(#"{text_pattern: "(a+)+$"}"#))
        let pipeline = TriagePipeline(policy: policy, replies: Fixtures.replies)
        let hostile = String(repeating: "a", count: 42) + "!"
        #expect(try pipeline.triageBuiltin(Fixtures.ticket(hostile)).trace.fired.isEmpty)
        #expect(try pipeline.triageBuiltin(Fixtures.ticket(String(repeating: "a", count: 19_999) + "!")).trace.fired.isEmpty)
        #expect(try pipeline.triageBuiltin(Fixtures.ticket("aaa")).trace.fired == ["a"])
    }

    // MARK: - defect 2: alias expansion

    /// A 3.4 KB billion-laughs file: each level lists the previous one ten times.
    static let billionLaughs: String = {
        var text = "l0: &l0 {category: billing}\n"
        for level in 1...7 {
            text += "l\(level): &l\(level) {any: [" + Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ") + "]}\n"
        }
        return text + rule("*l7")
    }()

    @Test func billionLaughsFailsFastAtTheAlias() {
        #expect(Self.billionLaughs.utf8.count < 3_500)
        #expect(Fixtures.errorText { try Fixtures.policy(escalation: Self.billionLaughs) } == """
            rules/escalation.yaml:5:21: error: alias *l3 expands the file past 10000 nodes; aliases may repeat a value, not multiply the file (nested aliases grow exponentially)
            l4: &l4 {any: [*l3, *l3, *l3, *l3, *l3, *l3, *l3, *l3, *l3, *l3]}
                                ^
            """)
    }

    @Test func aFewAliasesAreFine() throws {
        let text = "rules:\n  - {id: a, tier: likely, team: billing, when: &w {category: billing}}\n"
            + "  - {id: b, tier: likely, team: billing, when: *w}\nprecedence: [a, b]\npriority: []\n"
        #expect(try Fixtures.policy(escalation: text).rules.count == 2)
    }

    @Test func deepNestingIsRejected() {
        let when = String(repeating: "{not: ", count: 70) + "{category: billing}" + String(repeating: "}", count: 70)
        // The root, the rules list, the rule and 61 conditions make 64 levels; the key "not" of the 61st is the 65th.
        #expect(Fixtures.errorText { try Fixtures.policy(escalation: Self.rule(when)) } == """
            rules/escalation.yaml:5:372: error: the file nests deeper than 64 levels; expected a flatter structure
                when: \(when)
            \(String(repeating: " ", count: 371))^
            """)
    }

    // MARK: - defect 9: validation gaps

    @Test func unlessOnAnAlwaysRuleIsRejected() {
        let text = Self.rule("{category: security}", tier: "always", extra: "    unless: {plan: free}\n")
        #expect(Fixtures.errorText { try Fixtures.policy(escalation: text) } == """
            rules/escalation.yaml:6:5: error: an always rule cannot have "unless": it must escalate whenever its condition holds; narrow "when" or make the rule likely
                unless: {plan: free}
                ^
            """)
    }

    @Test func emptyTextMatchesIsRejected() {
        #expect(Fixtures.errorText { try Fixtures.policy(escalation: Self.rule("{text_matches: []}")) } == """
            rules/escalation.yaml:5:26: error: text_matches needs at least one phrase (an empty list never matches)
                when: {text_matches: []}
                                     ^
            """)
    }

    @Test func emptyQuotedIDIsRejected() {
        let text = Self.rule("{category: billing}").replacingOccurrences(of: "id: a", with: "id: \"\"")
        #expect(Fixtures.errorText { try Fixtures.policy(escalation: text) } == """
            rules/escalation.yaml:2:9: error: expected rule id (text), found an empty text ""
              - id: ""
                    ^
            """)
    }

    @Test func whitespaceOnlyTextIsRejected() {
        let text = Self.rule("{category: billing}").replacingOccurrences(of: "team: billing", with: "team: billing\n    description: \"   \"")
        #expect(Fixtures.errorText { try Fixtures.policy(escalation: text) } == """
            rules/escalation.yaml:5:18: error: expected description (text), found only whitespace
                description: "   "
                             ^
            """)
    }

    // MARK: - defect 9: bytes a YAML file may not hold

    @Test func invalidUTF8IsPositioned() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("taxonomy.yaml").path
        try Data("categories:\n  - name: caf".utf8 + [0xC3, 0x28] + Data("\n".utf8)).write(to: URL(fileURLWithPath: path))
        let message = Fixtures.errorText { try YAMLFile.read(path: path) }
        #expect(message == """
            \(path):2:14: error: invalid UTF-8 (byte 0xC3); expected UTF-8 text
              - name: caf\u{FFFD}(
                         ^
            """)
    }

    @Test(arguments: [("\u{0}", "0000"), ("\u{1B}", "001B"), ("\u{7F}", "007F"), ("\u{9B}", "009B")])
    func controlCharactersArePositioned(_ character: String, _ code: String) {
        let file = YAMLFile(path: "rules/taxonomy.yaml", text: "categories:\n  - name: bill\(character)ing\n")
        #expect(Fixtures.errorText { try file.root() } == """
            rules/taxonomy.yaml:2:15: error: invalid YAML: control characters are not allowed (found U+\(code)); expected printable text (tabs and line breaks are allowed)
              - name: bill\u{FFFD}ing
                          ^
            """)
    }

    @Test func emptyFileIsPositioned() {
        #expect(Fixtures.errorText { try YAMLFile(path: "rules/taxonomy.yaml", text: "# nothing\n").root() } == """
            rules/taxonomy.yaml:1:1: error: the file is empty; expected a YAML mapping
            # nothing
            ^
            """)
    }
}
