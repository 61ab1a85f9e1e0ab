import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TriageEngine
@testable import TriageEval

/// The JUnit XML renderer, read back with Foundation's XMLParser.
@Suite("JUnit report")
struct JUnitReportTests {
    /// An element as parsed: name, attributes, text, children.
    final class Element {
        let name: String
        let attributes: [String: String]
        var text = ""
        var children: [Element] = []

        init(name: String, attributes: [String: String]) {
            self.name = name
            self.attributes = attributes
        }

        func all(_ name: String) -> [Element] { children.filter { $0.name == name } }
        func first(_ name: String) -> Element? { children.first { $0.name == name } }
    }

    /// Builds the element tree; records the first parse error.
    final class TreeBuilder: NSObject, XMLParserDelegate {
        var stack: [Element] = [Element(name: "#document", attributes: [:])]
        var error: Error?

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            let element = Element(name: elementName, attributes: attributes)
            stack.last!.children.append(element)
            stack.append(element)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { stack.last!.text += string }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { error = error ?? parseError }
    }

    static func parse(_ xml: String) throws -> Element {
        let parser = XMLParser(data: Data(xml.utf8))
        let builder = TreeBuilder()
        parser.delegate = builder
        let ok = parser.parse()
        #expect(ok, "XMLParser failed: \(String(describing: builder.error ?? parser.parserError))")
        #expect(builder.error == nil)
        return try #require(builder.stack.first?.first("testsuites"))
    }

    @Test func countsAndSuitesOfTheSyntheticRun() throws {
        let root = try Self.parse(ReportFixtures.gated.renderJUnit())
        // 5 scenario runs + 3 gates; r2 and r3 failed, r5 errored; gates: accuracy and always_recall fail.
        #expect(root.attributes["tests"] == "8")
        #expect(root.attributes["failures"] == "4")
        #expect(root.attributes["errors"] == "1")
        #expect(root.attributes["name"] == "triage-eval run #7")
        let suites = root.all("testsuite")
        #expect(suites.map { $0.attributes["name"] } == ["s", "gates"])
        let suite = suites[0]
        #expect([suite.attributes["tests"], suite.attributes["failures"], suite.attributes["errors"]] == ["5", "2", "1"])
        // Latencies 10+20+30+40+50 ms.
        #expect(suite.attributes["time"] == "0.150")
        let cases = suite.all("testcase")
        #expect(cases.map { $0.attributes["name"] } == ["r1", "r2", "r3", "r4", "r5"])
        #expect(cases.allSatisfy { $0.attributes["classname"] == "s" })
        #expect(cases[1].attributes["time"] == "0.020")
        #expect(cases[0].children.isEmpty)

        let properties = Dictionary(uniqueKeysWithValues: try #require(suite.first("properties")).all("property").map { ($0.attributes["name"]!, $0.attributes["value"]!) })
        #expect(properties["run_id"] == "7")
        #expect(properties["git_commit"] == "abc")
        #expect(properties["engine"] == "builtin-lexical")

        let gates = suites[1]
        #expect([gates.attributes["tests"], gates.attributes["failures"]] == ["3", "2"])
        #expect(gates.all("testcase").map { $0.attributes["name"] } == ["s: accuracy", "s: fields.escalate", "run: always_recall"])
        #expect(gates.all("testcase")[0].first("failure")?.attributes["message"] == "s: accuracy 0.400 < min 0.500 (scenarios: r2, r3, r5)")
    }

    @Test func failureMessagesBodiesAndErrors() throws {
        let cases = try #require(try Self.parse(ReportFixtures.gated.renderJUnit()).first("testsuite")).all("testcase")
        let r2 = try #require(cases[1].first("failure"))
        #expect(r2.attributes["message"] == "category: expected billing, got how_to; escalate: expected true, got false")
        #expect(r2.attributes["type"] == "category,escalate")
        #expect(r2.text.contains("expected: category=billing escalate=true\nactual:   category=how_to escalate=false team=none priority=normal sentiment=neutral churn_risk=false\n"))
        let r3 = try #require(cases[2].first("failure"))
        #expect(r3.attributes["message"] == "escalate: expected false, got true")
        #expect(r3.text.contains("deciding rule: billing-dispute — test"))
        let r5 = try #require(cases[4].first("error"))
        #expect(r5.attributes["message"] == "ModelError(timeout)")
        #expect(r5.attributes["type"] == "errored")
        #expect(r5.text.contains("actual:   (no decision)"))
    }

    @Test func aFailedTestcaseIsPinned() {
        let xml = ReportFixtures.gated.renderJUnit()
        #expect(xml.contains("""
                <testcase classname="s" name="r3" time="0.030">
                  <failure message="escalate: expected false, got true" type="escalate">
            expected: category=how_to escalate=false
            actual:   category=how_to escalate=true team=billing priority=normal sentiment=neutral churn_risk=false
            escalate: expected false, got true
            deciding rule: billing-dispute — test
                  </failure>
                </testcase>

            """))
    }

    @Test func hostileTextIsEscapedAndInvalidCharactersAreDropped() throws {
        let xml = ReportFixtures.hostile.renderJUnit()
        #expect(!xml.contains("<script>"))
        #expect(!xml.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        let cases = try #require(try Self.parse(xml).first("testsuite")).all("testcase")
        // Quotes, apostrophes, < and & survive the round trip exactly.
        #expect(cases[1].attributes["name"] == ReportFixtures.hostileID)
        #expect(cases[1].first("failure")?.attributes["message"]?.hasSuffix("reply: contains \"refund, today\" — reply was: \(ReportFixtures.script)") == true)
        // U+0001, U+0000 and U+FFFE are not XML 1.0 characters: dropped; the newline is kept (&#10;).
        #expect(cases[4].first("error")?.attributes["message"] == "provider said \"no\" & <b>bye</b>\n\(ReportFixtures.script)")
        #expect(cases[4].first("error")?.text.contains("error: provider said \"no\" & <b>bye</b>\n<script>") == true)
    }

    @Test func repeatsAreNamedWithTheirIndex() throws {
        var results = SyntheticResults.results
        results[1].repeatIndex = 2
        let report = RunReport.build(run: SyntheticResults.run(), results: results)
        let cases = try #require(try Self.parse(report.renderJUnit()).first("testsuite")).all("testcase")
        #expect(cases.map { $0.attributes["name"] } == ["r1", "r2#2", "r3", "r4", "r5"])
    }
}
