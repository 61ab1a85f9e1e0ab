import Foundation
import Testing
import TriageEngine
@testable import TriageEval
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Every report format gets the same hostile strings (spreadsheet formulas, terminal escapes, raw HTML, Markdown
/// links, bidirectional overrides) in a scenario id, a label a model returned, an error and a rule's reason,
/// and none of them may act in any format; flagged prompt injections show in every format.
@Suite("Report injection")
struct ReportInjectionTests {
    /// Strings a ticket, a scenario file or a model could put into a report.
    static let hostile = [
        "=HYPERLINK(\"http://evil.example\",\"x\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\tTAB", "\rCR",
        "\u{1B}[31mred\u{1B}[0m\u{07}bell\u{08}", "<script>alert(1)</script>", "![x](http://evil.example/p.png) [y](javascript:alert(1))",
        "a|b`c`", "\u{202E}fdp.exe", "\u{9B}31m",
    ]

    /// One result per hostile string: it is the scenario id, the label the model returned, the error of the
    /// errored ones and the deciding rule's reason; every other result is flagged as a prompt injection.
    static var report: RunReport {
        var results: [ScenarioResult] = []
        for (index, text) in hostile.enumerated() {
            var decision = SyntheticResults.labels(text, escalate: false)
            decision.inputSignals = index % 2 == 0 ? [InputValidator.Signal.injection] : []
            decision.trace.why = text
            let errored = index % 3 == 2
            var result = SyntheticResults.result(index, text, expected: Expectation(category: "billing"), decision: errored ? nil : decision,
                                                 tier: nil, latency: 10)
            if errored {
                result.error = text
                result.inputSignals = decision.inputSignals
            }
            results.append(result)
        }
        return RunReport.build(run: SyntheticResults.run(gates: RunGates(suites: [:], run: GateSet(maxInjectionChanges: 0))), results: results)
    }

    static let terminalControls: Set<Unicode.Scalar> = Set((0x00...0x1F).compactMap(Unicode.Scalar.init)).subtracting(["\n"])
        .union((0x7F...0x9F).compactMap(Unicode.Scalar.init)).union(["\u{202E}"])

    @Test func textShowsNoControlCharacterAndEveryFlag() {
        let text = Self.report.renderText()
        #expect(!text.unicodeScalars.contains { Self.terminalControls.contains($0) })
        #expect(text.contains("␛[31mred␛[0m␇bell␈"))
        #expect(text.contains("Prompt injection  6 flagged, 6 with labels that differ from expected"))
        #expect(text.contains("[prompt injection]"))
        #expect(text.contains("FAIL run: max_injection_changes"))
    }

    @Test func markdownHasNoRawHTMLLinkOrControlCharacter() {
        let markdown = Self.report.renderMarkdown()
        #expect(!markdown.unicodeScalars.contains { Self.terminalControls.contains($0) })
        #expect(!markdown.contains("<script>"))
        #expect(markdown.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!markdown.contains("[y](javascript:") && !markdown.contains("![x]("))
        #expect(markdown.contains("!\\[x\\](http:\u{2060}//evil.example/p.png) \\[y\\](javascript:alert(1))"))
        // A bar in a label cannot open a new cell: every table row keeps its column count.
        #expect(markdown.contains("a\\|b\\`c\\`"))
        #expect(markdown.contains("**Prompt injection**: 6 flagged, 6 with labels that differ from expected"))
        #expect(markdown.contains("(prompt injection)"))
    }

    /// A ticket or a model's label must not notify a team or plant a link in a pull-request comment.
    @Test func markdownBreaksMentionsAndBareLinks() {
        let joiner = "\u{2060}"
        #expect(ReportText.markdown("ping @security-team, see https://evil.example or WWW.evil.example")
                == "ping @\(joiner)security-team, see https:\(joiner)//evil.example or WWW\(joiner).evil.example")
        #expect(ReportText.markdown("no mention, no link") == "no mention, no link")
    }

    @Test func csvCellsNeverStartAFormula() throws {
        let csv = Self.report.renderCSV()
        #expect(!csv.unicodeScalars.contains { Self.terminalControls.subtracting(["\t", "\r"]).contains($0) })
        let rows = CSVReader.rows(csv)
        #expect(rows.count == Self.hostile.count + 1)
        #expect(rows.allSatisfy { $0.count == RunReport.csvHeader.count })
        for row in rows.dropFirst() {
            for cell in row {
                #expect(cell.unicodeScalars.first.map { !ReportText.formulaStarts.contains($0) } ?? true, "formula cell \(cell.debugDescription)")
            }
        }
        let column = { (name: String) in RunReport.csvHeader.firstIndex(of: name)! }
        #expect(rows[1][column("id")] == "'=HYPERLINK(\"http://evil.example\",\"x\")")
        #expect(rows[2][column("actual_category")] == "'+1+cmd|' /C calc'!A0")
        #expect(rows[4][column("id")] == "'@SUM(A1:A9)")
        #expect(rows[5][column("id")] == "'\tTAB")
        #expect(rows[7][column("id")] == "␛[31mred␛[0m␇bell␈")
        #expect(rows.dropFirst().map { $0[column("prompt_injection")] } == (0..<Self.hostile.count).map { $0 % 2 == 0 ? "true" : "false" })
    }

    @Test func jsonKeepsEveryStringExactlyAndEscapesControls() throws {
        let report = Self.report
        let json = try report.render(.json)
        #expect(!json.unicodeScalars.contains { (0x00...0x1F).contains($0.value) && $0 != "\n" })
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let decoded = try decoder.decode(RunReport.self, from: Data(json.utf8))
        #expect(decoded.results.map(\.id) == Self.hostile)
        #expect(decoded.results.map(\.promptInjection) == (0..<Self.hostile.count).map { $0 % 2 == 0 })
        #expect(decoded.injection == report.injection)
        #expect(json.contains("\"prompt_injection\" : {"))
    }

    @Test func junitIsWellFormedXMLWithoutControlCharacters() throws {
        let xml = Self.report.renderJUnit()
        #expect(!xml.unicodeScalars.contains { Self.terminalControls.subtracting(["\t", "\r"]).contains($0) })
        #expect(!xml.contains("<script>"))
        let parser = XMLParser(data: Data(xml.utf8))
        #expect(parser.parse(), "JUnit XML does not parse: \(String(describing: parser.parserError))")
        #expect(xml.components(separatedBy: "<property name=\"prompt_injection\" value=\"true\"/>").count - 1 == 6)
        #expect(xml.contains("<property name=\"prompt_injection_flagged\" value=\"6\"/>"))
    }

    @Test func htmlHasNoRawScriptOrControlCharacter() {
        let html = HTMLReport(run: Self.report).render()
        #expect(!html.unicodeScalars.contains { Self.terminalControls.subtracting(["\t", "\r"]).contains($0) })
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("<h3>Prompt injection</h3>"))
        #expect(html.contains("prompt injection</span>"))
    }

    /// Comparison flips print scenario ids in text and Markdown: neutralised the same way.
    @Test func comparisonFlipsAreNeutralised() throws {
        var (a, b) = ComparisonTests.runs()
        a[9].scenarioID = "\u{1B}[2J|<script>x</script>"
        b[9].scenarioID = a[9].scenarioID
        let comparison = Comparison.build(a: .init(run: ComparisonTests.run(1), results: a, name: "old"),
                                          b: .init(run: ComparisonTests.run(7), results: b, name: "new"))
        let text = comparison.renderText()
        #expect(!text.unicodeScalars.contains { Self.terminalControls.contains($0) })
        #expect(text.contains("␛[2J|<script>x</script>"))
        let markdown = comparison.renderMarkdown()
        #expect(!markdown.unicodeScalars.contains { Self.terminalControls.contains($0) })
        #expect(!markdown.contains("<script>"))
        #expect(markdown.contains("␛\\[2J\\|&lt;script&gt;x&lt;/script&gt;"))
    }

    @Test(arguments: [
        ("=1+2", "'=1+2"), ("+1", "'+1"), ("-1", "'-1"), ("@x", "'@x"), ("\tx", "'\tx"), ("\rx", "\"'\rx\""), ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""), ("ok", "ok"), ("\u{1B}[2J", "␛[2J"), ("a\nb", "\"a\nb\""), ("x=1", "x=1"),
    ])
    func csvFieldIsPinned(input: String, expected: String) {
        #expect(ReportText.csv(input) == expected)
    }

    @Test(arguments: [
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"), ("[a](b)", "\\[a\\](b)"), ("a|b", "a\\|b"),
        ("line\nbreak", "line break"), ("\u{1B}]8;;http://x\u{07}", "␛\\]8;;http:\u{2060}//x␇"), ("fish & chips", "fish &amp; chips"), ("plain", "plain"),
    ])
    func markdownTextIsPinned(input: String, expected: String) {
        #expect(ReportText.markdown(input) == expected)
    }

    @Test func terminalTextIsPinned() {
        #expect(ReportText.terminal("\u{1B}[31mx\u{7F}\u{9B}\u{202E}y\nz\u{0}") == "␛[31mx␡\u{FFFD}\u{FFFD}y␊z␀")
        #expect(ReportText.terminalBlock("a\tb\nc\u{07}") == "a\tb\nc␇")
    }
}
