import Foundation
import Testing
import TriageEngine
@testable import TriageEval

/// The generated large suite reads back as the scenarios it repeats, with suffixed ids.
@Suite("Large suite generator")
struct LargeSuiteTests {
    @Test func aGeneratedSuiteReadsBackAsTheScenariosItRepeats() throws {
        let source = try EvalFixtures.workspace([EvalFixtures.root + "/scenarios"]).scenarios
        let directory = try EvalFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("large.yaml").path
        let count = source.count * 2 + 3
        let bytes = try LargeSuite.write(name: "large", from: source, count: count, to: path)
        #expect(bytes == (try Data(contentsOf: URL(fileURLWithPath: path)).count))
        let file = try YAMLFile.read(path: path)
        #expect(try SuiteLoader(taxonomy: EvalFixtures.policy.taxonomy).loadItems(file: file).scenarios.count == count)
        let suite = try SuiteLoader(taxonomy: EvalFixtures.policy.taxonomy).load(file: file)
        #expect(suite.name == "large")
        #expect(suite.scenarios.count == count)
        for (index, loaded) in suite.scenarios.enumerated() {
            var expected = source[index % source.count]
            let round = index / source.count
            expected.id = round == 0 ? expected.id : "\(expected.id)-\(round + 1)"
            expected.ticket.id = expected.id
            expected.suite = "large"
            expected.line = loaded.line
            #expect(loaded == expected)
        }
        #expect(suite.scenarios.last?.id == source[2].id + "-3")
    }

    @Test func quotedTextReadsBackExactly() throws {
        let texts = ["plain", "a \"quote\" and a \\ backslash", "tab\there\nnew line", "bell\u{07} del\u{7F} nel\u{85}",
                     "line\u{2028}separator\u{2029}", "bom\u{FEFF} emoji 🙂 ü", "  leading and trailing  ", "# not a comment: - no"]
        for text in texts {
            let yaml = "value: \(LargeSuite.quoted(text))\n"
            let root = try YAMLFile(path: "t.yaml", text: yaml).root().mapping(allowed: ["value"], what: "a test")
            #expect(try root.require("value").string(what: "value") == text)
        }
    }
}
