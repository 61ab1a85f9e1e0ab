import Foundation
import Testing
import TriageEngine
@testable import TriageEval

/// Suites streamed item by item in one pass give exactly the suite of one whole-file parse, with the same
/// positions and the same error texts.
@Suite("Suite item-by-item loading")
struct SuiteItemLoadTests {
    let loader = SuiteLoader(taxonomy: EvalFixtures.policy.taxonomy)

    /// Loads `text` both ways and returns the item-by-item suite after checking it equals the whole-file one.
    func bothWays(_ text: String, items: Int, sourceLocation: SourceLocation = #_sourceLocation) throws -> Suite {
        let file = YAMLFile(path: "scenarios/t.yaml", text: text)
        let itemByItem = try loader.loadItems(file: file, pipelined: false)
        #expect(itemByItem.scenarios.count == items, sourceLocation: sourceLocation)
        #expect(itemByItem == (try loader.loadWhole(file: file)), sourceLocation: sourceLocation)
        #expect(itemByItem == (try loader.loadItems(file: file, pipelined: true)), sourceLocation: sourceLocation)
        return itemByItem
    }

    @Test(arguments: ["core", "escalation", "multilingual", "multiturn", "traps"])
    func shippedSuitesLoadTheSameEitherWay(name: String) throws {
        let path = EvalFixtures.root + "/scenarios/\(name).yaml"
        let text = try YAMLFile.read(path: path).text
        let whole = try loader.loadWhole(file: YAMLFile.read(path: path))
        let suite = try bothWays(text, items: whole.scenarios.count)
        #expect(suite.scenarios.count > 5)
        #expect(suite.gates == whole.gates)
    }

    /// A text repeated across scenarios is kept once (one string buffer), and a repeated `regex:` compiled once:
    /// a suite of 100,000 scenarios cycled from a hundred tickets holds each text once.
    @Test func repeatedTextsShareOneCopy() throws {
        let item = """
              - id: ID
                channel: email
                plan: pro
                customer: "Priya Natarajan of Natarajan Design"
                subject: "Charged twice for March, again and again"
                messages:
                  - role: customer
                    text: "I was charged twice for March and would like the duplicate refunded."
                reply:
                  - contains: "within 4 hours of your message"
                  - regex: "(?i)our billing team will"
                tags: [billing-and-invoices-tag]

            """
        let text = "suite: t\nscenarios:\n" + item.replacingOccurrences(of: "ID", with: "a") + item.replacingOccurrences(of: "ID", with: "b")
        let suite = try bothWays(text, items: 2)
        func storage(_ text: String) -> UnsafeRawPointer? {
            var text = text
            return text.withUTF8 { UnsafeRawPointer($0.baseAddress) }
        }
        func texts(_ scenario: Scenario) -> [String] {
            var texts = [scenario.ticket.customer, scenario.ticket.subject ?? "", scenario.ticket.messages[0].text] + scenario.tags
            for assertion in scenario.reply {
                switch assertion {
                case let .contains(needle): texts.append(needle)
                case let .regex(pattern): texts.append(pattern.source)
                default: Issue.record("unexpected assertion \(assertion)")
                }
            }
            return texts
        }
        let (first, second) = (texts(suite.scenarios[0]), texts(suite.scenarios[1]))
        #expect(first.count == 6)
        #expect(first == second)
        for (a, b) in zip(first, second) {
            #expect(a.utf8.count > 15)  // longer than a small string, so each has a buffer of its own unless shared
            #expect(storage(a) == storage(b), "\(a)")
        }
    }

    @Test func unindentedItemsColumnZeroCommentsKeptBlankLinesAndKeysAfterTheList() throws {
        let text = """
            suite: t
            scenarios:
            # first
            - id: a
              channel: email
              plan: pro
              customer: Lee
              messages:
                - role: customer
                  text: |+
                    kept trailing lines

            # a comment at column 0 between items

            - id: b
              channel: whatsapp
              plan: free
              customer: Kim
              messages: [{role: customer, text: "two"}]
              tags: [x]
            description: after the list
            gates:
              accuracy: 0.5

            """
        let suite = try bothWays(text, items: 2)
        #expect(suite.scenarios.map(\.line) == [4, 15])
        #expect(suite.scenarios[0].ticket.messages[0].text == "kept trailing lines\n\n")
        #expect(suite.description == "after the list")
        #expect(suite.gates.accuracy == 0.5)
    }

    @Test func anErrorInALaterItemIsTheWholeFileError() {
        let text = EvalFixtures.header + """
              - id: b
                channel: email
                plan: pro
                customer: Lee
                messages: [{role: customer, text: "b"}]
              - id: c
                channel: email
                plan: pro
                customer: Lee
                messages: [{role: customer, text: "c"}]
                expect: {category: refund}
            gates: {accuracy: 0.5}

            """
        #expect(EvalFixtures.errorText { try EvalFixtures.suite(text) } == """
            scenarios/t.yaml:19:24: error: unknown category "refund"; expected one of: security, legal_privacy, billing, account_deletion, data_loss, account_access, technical_bug, feature_request, how_to, general
                expect: {category: refund}
                                   ^
            """)
    }

    @Test func aSyntaxErrorInALaterItemIsTheWholeFileError() {
        let text = EvalFixtures.header + "  - id: b\n    channel: [email\n"
        #expect(EvalFixtures.errorText { try EvalFixtures.suite(text) } == EvalFixtures.errorText {
            try loader.loadWhole(file: YAMLFile(path: "scenarios/t.yaml", text: text))
        })
        #expect(EvalFixtures.errorText { try EvalFixtures.suite(text) }.hasPrefix("scenarios/t.yaml:"))
    }

    @Test func anAliasAcrossItemsLoadsAsAWholeFile() throws {
        let text = """
            suite: t
            scenarios:
              - id: a
                channel: email
                plan: pro
                customer: &who Lee
                messages: [{role: customer, text: "one"}]
              - id: b
                channel: email
                plan: pro
                customer: *who
                messages: [{role: customer, text: "two"}]

            """
        let file = YAMLFile(path: "scenarios/t.yaml", text: text)
        #expect(throws: (any Error).self) { try loader.loadItems(file: file) }
        #expect(try EvalFixtures.suite(text).scenarios.map(\.ticket.customer) == ["Lee", "Lee"])
    }

    @Test func anAliasInsideOneItemStreams() throws {
        let text = """
            suite: t
            scenarios:
              - id: a
                channel: email
                plan: pro
                customer: &who Lee
                subject: *who
                messages: [{role: customer, text: "one"}]

            """
        let suite = try bothWays(text, items: 1)
        #expect(suite.scenarios[0].ticket.subject == "Lee")
    }

    @Test func taggedFlowAndCRLFListsStreamTheSameSuite() throws {
        let tagged = EvalFixtures.header.replacingOccurrences(of: "scenarios:\n", with: "scenarios: !!seq\n")
        #expect(try bothWays(tagged, items: 1).scenarios.map(\.id) == ["a"])
        let crlf = EvalFixtures.header.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(try bothWays(crlf, items: 1).scenarios.map(\.id) == ["a"])
        let flow = """
            {suite: t, scenarios: [{id: a, channel: email, plan: pro, customer: Lee, messages: [{role: customer, text: one}]},
              {id: b, channel: email, plan: pro, customer: Kim, messages: [{role: customer, text: two}]}], description: flow}

            """
        let suite = try bothWays(flow, items: 2)
        #expect(suite.scenarios.map(\.line) == [1, 2])
        #expect(suite.description == "flow")
    }

    @Test func listsTheStreamCannotTakeAreLoadedWhole() throws {
        let loader = self.loader
        func refused(_ text: String) -> Bool {
            let file = YAMLFile(path: "scenarios/t.yaml", text: text)
            let refusedInLine = (try? loader.loadItems(file: file, pipelined: false)) == nil
            let refusedPipelined = (try? loader.loadItems(file: file, pipelined: true)) == nil
            #expect(refusedInLine == refusedPipelined)
            return refusedInLine
        }
        #expect(refused("suite: t\nscenarios: []\n"))
        let anchored = EvalFixtures.header.replacingOccurrences(of: "scenarios:\n", with: "scenarios: &all\n") + "description: *all\n"
        #expect(refused(anchored))
        let duplicate = EvalFixtures.header + "  - id: a\n    channel: email\n    plan: pro\n    customer: Lee\n    messages: [{role: customer, text: b}]\n"
        #expect(refused(duplicate))
        #expect(EvalFixtures.errorText { try EvalFixtures.suite(duplicate) }.hasPrefix("scenarios/t.yaml:"))
        #expect(EvalFixtures.errorText { try EvalFixtures.suite(duplicate) } == EvalFixtures.errorText {
            try loader.loadWhole(file: YAMLFile(path: "scenarios/t.yaml", text: duplicate))
        })
    }

    @Test func aStreamedItemReportsPositionsInTheWholeFile() throws {
        let text = "suite: t\nscenarios:\n  - id: a\n    plan: x\n  - id: b\n"
        let file = YAMLFile(path: "scenarios/t.yaml", text: text)
        var lines: [Int] = []
        var errors: [String] = []
        let (root, items) = try file.streamRoot(listKey: "scenarios") { item in
            lines.append(item.line)
            errors.append(EvalFixtures.errorText { try item.mapping(allowed: ["id"], what: "a test") })
        }
        #expect(items == 2)
        #expect(lines == [3, 5])
        #expect(errors[0] == """
            scenarios/t.yaml:4:5: error: unknown key "plan" in a test; expected one of: id
                plan: x
                ^
            """)
        #expect(errors[1] == "no error")
        let list = try root.mapping(allowed: [], what: "a test").require("scenarios")
        #expect(try list.sequence(what: "scenarios").isEmpty)
        #expect(list.line == 3)
    }
}

/// The pipelined load (items decoded on a second thread while the parse goes on) over many batches: the same
/// suite as the load on one thread, in file order; a bad item anywhere, early, in the middle or as the very last,
/// refuses the streamed load (the whole-file load then gives the error); and the parse failing while the decoder
/// still has batches queued ends both threads.
@Suite("Suite pipelined item loading")
struct SuitePipelinedLoadTests {
    let loader = SuiteLoader(taxonomy: EvalFixtures.policy.taxonomy)

    func suiteText(items: Int, badAt bad: Int? = nil, tail: String = "") -> String {
        var text = "suite: many\nscenarios:\n"
        for index in 0..<items {
            text += "  - id: s\(index)\n    channel: email\n    plan: pro\n    customer: Lee \(index % 7)\n"
            text += "    messages: [{role: customer, text: \"ticket \(index)\"}]\n"
            text += index == bad ? "    expect: {category: refund}\n" : "    expect: {category: billing}\n"
        }
        return text + tail
    }

    @Test(arguments: [1, 63, 64, 65, 64 * 16 + 1, 5_000])
    func manyItemsLoadInFileOrder(items: Int) throws {
        let file = YAMLFile(path: "scenarios/many.yaml", text: suiteText(items: items))
        let pipelined = try loader.loadItems(file: file, pipelined: true)
        #expect(pipelined.scenarios.map(\.id) == (0..<items).map { "s\($0)" })
        #expect(pipelined == (try loader.loadItems(file: file, pipelined: false)))
        #expect(pipelined.scenarios.allSatisfy { $0.suite == "many" })
    }

    @Test(arguments: [0, 1_500, 2_999])
    func aBadItemAnywhereRefusesTheStream(at bad: Int) throws {
        let file = YAMLFile(path: "scenarios/many.yaml", text: suiteText(items: 3_000, badAt: bad))
        #expect(throws: (any Error).self) { try loader.loadItems(file: file, pipelined: true) }
        let error = EvalFixtures.errorText { try loader.load(file: file) }
        #expect(error.hasPrefix("scenarios/many.yaml:\(2 + bad * 6 + 6):24: error: unknown category \"refund\""))
    }

    @Test func aSyntaxErrorAfterManyItemsEndsBothThreads() throws {
        let file = YAMLFile(path: "scenarios/many.yaml", text: suiteText(items: 3_000, tail: "description: [unclosed\n"))
        #expect(throws: (any Error).self) { try loader.loadItems(file: file, pipelined: true) }
        #expect(EvalFixtures.errorText { try loader.load(file: file) }.hasPrefix("scenarios/many.yaml:18004:1: error: invalid YAML: while parsing a flow sequence did not find expected ',' or ']'"))
    }
}
