import Foundation
import Testing
import TriageEngine
@testable import TriageEval

/// Reading production exports: every field, and one pinned error per kind of bad line.
@Suite("Production export reader")
struct ProductionExportReaderTests {
    let reader = ProductionExportReader(taxonomy: EvalFixtures.policy.taxonomy)

    static let good = #"{"conversation_id": "c-1029", "channel": "email", "plan": "pro", "customer": "Dana K.", "subject": "Charged again", "created_at": "2026-11-02T09:14:00Z", "messages": [{"role": "customer", "text": "I was charged twice"}, {"role": "agent", "text": "Sorry about that"}], "predicted": {"category": "how_to", "escalate": false, "team": "none", "priority": "low"}, "feedback": {"type": "thumbs_down", "rating": 1, "comment": "it never sent me to billing"}, "correction": {"category": "billing", "escalate": true, "team": "billing", "priority": "high", "by": "owner", "urgency": "urgent", "note": "double charge"}}"#

    @Test func readsEveryFieldOfTheIssueExample() throws {
        let export = reader.read(text: Self.good + "\n", file: "export.jsonl")
        #expect(export.errors.isEmpty)
        let conversation = try #require(export.conversations.first)
        #expect(conversation == ProductionConversation(
            id: "c-1029", channel: "email", plan: "pro", customer: "Dana K.", subject: "Charged again", createdAt: "2026-11-02T09:14:00Z",
            messages: [.init(role: .customer, text: "I was charged twice"), .init(role: .agent, text: "Sorry about that")],
            predicted: .init(category: "how_to", escalate: false, team: "none", priority: "low"),
            feedback: .init(type: "thumbs_down", rating: 1, comment: "it never sent me to billing"),
            correction: .init(labels: .init(category: "billing", escalate: true, team: "billing", priority: "high"), by: "owner", urgency: "urgent", note: "double charge"),
            source: "export.jsonl:1"))
    }

    static let minimal = #"{"conversation_id": "c-%@", "channel": "email", "messages": [{"role": "customer", "text": "hi"}]}"#

    static func line(_ id: String) -> String { minimal.replacingOccurrences(of: "%@", with: id) }

    @Test(arguments: [
        (#"{"conversation_id": "c-1", "channel": "email", "messages": []"#,
         "export.jsonl:2:62: error: invalid JSON: expected \",\" or \"}\", found the end of the line"),
        (#"{"conversation_id": "c-1", "channel": "fax", "messages": [{"role": "customer", "text": "hi"}]}"#,
         "export.jsonl:2:39: error: field \"channel\": unknown channel \"fax\"; expected one of: email, whatsapp, web_form"),
        (#"{"conversation_id": "c-1", "channel": "email", "messages": [{"role": "customer", "text": "hi"}], "correction": {"category": "refund"}}"#,
         "export.jsonl:2:125: error: field \"correction.category\": unknown category \"refund\"; expected one of: security, legal_privacy, billing, account_deletion, data_loss, account_access, technical_bug, feature_request, how_to, general"),
        (#"{"conversation_id": "c-1", "channel": "email", "messages": [{"role": "bot", "text": "hi"}]}"#,
         "export.jsonl:2:70: error: field \"messages[0].role\": unknown role \"bot\"; expected one of: customer, agent"),
        (#"{"conversation_id": "c-1", "channel": "email"}"#,
         "export.jsonl:2:1: error: missing field \"messages\""),
        (#"{"conversation_id": "c-1", "channel": "email", "messages": [{"role": "customer", "text": "hi"}], "feedback": {"type": "star_rating", "rating": 7}}"#,
         "export.jsonl:2:144: error: field \"feedback.rating\": expected a whole number from 1 to 5, found the number 7"),
        (#"{"conversation_id": "c-1", "channel": "email", "messages": [{"role": "customer", "text": "hi"}], "predicted": {"category": "billing", "escalate": "yes"}}"#,
         "export.jsonl:2:147: error: field \"predicted.escalate\": expected true or false, found text"),
        (#"{"conversation_id": "c-1", "channel": "email", "messages": [{"role": "customer", "text": "hi"}], "created_at": "yesterday"}"#,
         "export.jsonl:2:112: error: field \"created_at\": expected an ISO 8601 time such as 2026-11-02T09:14:00Z, found \"yesterday\""),
        (#"{"conversation_id": "c-1", "channel": "email", "mesages": []}"#,
         "export.jsonl:2:48: error: unknown field \"mesages\"; expected one of: conversation_id, channel, plan, customer, subject, created_at, messages, predicted, feedback, correction"),
        (#"{"conversation_id": "c-1", "channel": "email", "messages": [{"role": "customer", "text": "hi"}], "feedback": {"type": "star_rating", "rating": -1e400}}"#,
         "export.jsonl:2:144: error: invalid JSON: number -1e400 is out of range"),
        (#"["c-1"]"#,
         "export.jsonl:2:1: error: expected a conversation (a JSON object), found a list"),
    ])
    func badLineGivesOnePositionedErrorAndTheGoodLinesStillLoad(line: String, expected: String) {
        let text = [Self.line("1000"), line, Self.line("1002")].joined(separator: "\n")
        let export = reader.read(text: text, file: "export.jsonl")
        #expect(export.conversations.map(\.id) == ["c-1000", "c-1002"])
        #expect(export.errors.count == 1)
        #expect(export.errors.first?.description.components(separatedBy: "\n").first == expected)
        // The offending line is quoted with a caret under the column.
        if let error = export.errors.first {
            #expect(error.description.components(separatedBy: "\n").dropFirst().first == line)
            #expect(error.description.components(separatedBy: "\n").last == String(repeating: " ", count: error.column - 1) + "^")
        }
    }

    @Test func duplicateIdsBlankLinesAndMissingFiles() throws {
        let text = [Self.line("7"), "", "   ", Self.line("7")].joined(separator: "\r\n")
        let export = reader.read(text: text, file: "a.jsonl")
        #expect(export.conversations.count == 1)
        #expect(export.errors.map { $0.description.components(separatedBy: "\n")[0] } == [
            "a.jsonl:4:1: error: duplicate conversation_id \"c-7\"; first on a.jsonl:1"])
        let missing = reader.read(paths: ["/nonexistent/export.jsonl"])
        #expect(missing.errors.map(\.description) == ["/nonexistent/export.jsonl: error: no such file"])
    }

    /// A byte that is not UTF-8 spoils only its own line: the error names its line and column, and the lines
    /// around it (CRLF ends included) are still read.
    @Test func invalidUTF8SpoilsOnlyItsLine() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("export-utf8-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("export.jsonl").path
        let bad = Array(#"{"conversation_id": "c-2", "channel": "email", "messages": [{"role": "customer", "text": "héllo "#.utf8) + [0xFF]
            + Array(#""}]}"#.utf8)
        let bytes = Array(Self.line("1").utf8) + Array("\r\n".utf8) + bad + Array("\r\n".utf8) + Array(Self.line("3").utf8) + [0x0A]
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let export = reader.read(paths: [path])
        #expect(export.conversations.map(\.id) == ["c-1", "c-3"])
        #expect(export.conversations.map(\.source) == [path + ":1", path + ":3"])
        let lines = try #require(export.errors.first).description.components(separatedBy: "\n")
        #expect(export.errors.count == 1)
        #expect(lines == [
            "\(path):2:97: error: invalid UTF-8 (byte 0xFF); expected UTF-8 text",
            #"{"conversation_id": "c-2", "channel": "email", "messages": [{"role": "customer", "text": "héllo \#u{FFFD}"}]}"#,
            String(repeating: " ", count: 96) + "^",
        ])
    }

    /// With a redactor, a bad line is quoted redacted (e-mail, IBAN, the customer's name, also in a line that
    /// does not parse) and the caret still points at the same value; the message is redacted too.
    @Test(arguments: [
        (#"{"conversation_id": "c-1", "channel": "email", "customer": "Lena Kowalski", "messages": [{"role": "customer", "text": "I am Lena, mail lena.k@example.com, IBAN DE31 0360 1444 5888 6891 71"}], "feedback": {"type": "star_rating", "rating": 7}}"#,
         "error: field \"feedback.rating\": expected a whole number from 1 to 5, found the number 7", "7}}"),
        (#"{"conversation_id": "c-1", "channel": "email", "customer": "Lena Kowalski", "messages": [{"role": "customer", "text": "I am Lena, mail lena.k@example.com"}], "feedback": {"type": "thumbs_down"}"#,
         "error: invalid JSON: expected \",\" or \"}\", found the end of the line", nil),
        (#"{"conversation_id": "lena.k@example.com", "channel": "fax", "messages": [{"role": "customer", "text": "hi"}]}"#,
         "error: field \"channel\": unknown channel \"fax\"; expected one of: email, whatsapp, web_form", "\"fax\""),
        (#"{"conversation_id": "lena.k@example.com", "channel": "email", "messages": [{"role": "customer", "text": "hi"}]}"#,
         "error: duplicate conversation_id \"[email]\"; first on export.jsonl:1", "{\"conversation_id\""),
        (#"{"conversation_id": "c-1", "channel": "email", customer": "Lena Kowalski", "messages": [{"role": "customer", "text": "I am Lena"}]}"#,
         "error: invalid JSON: expected", "customer\": "),
    ] as [(String, String, String?)])
    func errorsOfARedactingReaderCarryNoPersonalData(line: String, message: String, caretAt: String?) throws {
        let redactor = try RedactionLoader.load(directory: EvalFixtures.root + "/rules", environment: ["TRIAGE_EVAL_PSEUDONYM_KEY": "reader-tests"])
        let first = #"{"conversation_id": "lena.k@example.com", "channel": "email", "messages": [{"role": "customer", "text": "hi"}]}"#
        let export = ProductionExportReader(taxonomy: EvalFixtures.policy.taxonomy, redactor: redactor).read(text: first + "\n" + line, file: "export.jsonl")
        let error = try #require(export.errors.first)
        #expect(export.errors.count == 1)
        let lines = error.description.components(separatedBy: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("export.jsonl:2:\(error.column): \(message)"))
        for secret in ["Lena", "Kowalski", "lena.k@example.com", "DE31", "6891"] { #expect(!error.description.contains(secret)) }
        #expect(lines[1] == redactor.redact(line, customer: line.contains("Lena Kowalski") ? "Lena Kowalski" : nil))
        // The caret sits under the value the error names, found in the redacted line independently.
        let expectedCaret = caretAt.flatMap { lines[1].range(of: $0) }.map { lines[1].unicodeScalars.distance(from: lines[1].startIndex, to: $0.lowerBound) }
            ?? lines[1].unicodeScalars.count
        #expect(lines[2] == String(repeating: " ", count: expectedCaret) + "^")
        // The column names the place in the file as written.
        let written = caretAt.flatMap { line.range(of: $0) }.map { line.unicodeScalars.distance(from: line.startIndex, to: $0.lowerBound) + 1 } ?? line.unicodeScalars.count + 1
        #expect(error.column == written)
    }

    /// A line damaged around the customer's name still has the name found and redacted from its quote: key
    /// quotes missing or single, the colon missing or replaced, the value in single quotes, the key cut or spliced
    /// (two shapes the export fuzzer produced). A role value
    /// "customer" followed by a comma is not a key.
    @Test(arguments: [
        #"{"conversation_id": "c-1", "channel": "email", "customer" "Lena Kowalski", "messages": [{"role": "customer", "text": "I am Lena"}]}"#,
        #"{"conversation_id": "c-1", "channel": "email", "customer"= "Lena Kowalski", "messages": [{"role": "customer", "text": "I am Lena"}]}"#,
        #"{"conversation_id": "c-1", "channel": "email", "customer";"Lena Kowalski", "messages": [{"role": "customer", "text": "I am Lena"}]}"#,
        #"{"conversation_id": "c-1", "channel": "email", 'customer': 'Lena Kowalski', "messages": [{"role": "customer", "text": "I am Lena"}]}"#,
        #"{"conversation_id": "c-1", "channel": "email", customer: "Lena Kowalski", "messages": [{"role": "customer", "text": "I am Lena"}]}"#,
        #"{"conversation_id": "c-1", "channel": "email", "cust"created_at": "yesterday"omer": "Lena Kowalski", "messages": [{"role": "customer", "text": "I am Lena"}]}"#,
        #"{"conversation_id": "c-1", "channel": "email", [[[[tomer": "Lena Kowalski", "messages": [{"role": "customer", "text": "I am Lena"}]}"#,
        #"{"conversation_id": "c-1", "channel": "email", "Custom": "Lena Kowalski", "messages": [{"role": "customer", "text": "I am Lena"}]}"#,
    ])
    func aNameAroundADamagedKeyIsRedacted(line: String) throws {
        #expect(ProductionExportReader.customerName(in: line) == "Lena Kowalski")
        let redactor = try RedactionLoader.load(directory: EvalFixtures.root + "/rules", environment: ["TRIAGE_EVAL_PSEUDONYM_KEY": "reader-tests"])
        let export = ProductionExportReader(taxonomy: EvalFixtures.policy.taxonomy, redactor: redactor).read(text: line, file: "export.jsonl")
        let error = try #require(export.errors.first)
        #expect(error.description.hasPrefix("export.jsonl:1:"))
        for secret in ["Lena", "Kowalski"] { #expect(!error.description.contains(secret)) }
    }

    @Test func aRoleValueIsNotTheCustomersName() {
        #expect(ProductionExportReader.customerName(in: #"{"messages": [{"role": "customer", "text": "hi"}]}"#) == nil)
        // With its comma missing as well, the next string is taken: a word over-redacted in the quote, never a name let through.
        #expect(ProductionExportReader.customerName(in: #"{"messages": [{"role": "customer" "text": "hi"}]}"#) == "text")
    }

    /// The published schema names the same fields and allowed values the reader accepts.
    @Test func schemaMatchesTheReader() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: EvalFixtures.root + "/schemas/production-export.schema.json"))
        let schema = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let properties = try #require(schema["properties"] as? [String: Any])
        #expect(Set(properties.keys) == Set(ProductionExportReader.conversationKeys))
        #expect(Set(try #require(schema["required"] as? [String])) == ["conversation_id", "channel", "messages"])
        let definitions = try #require(schema["$defs"] as? [String: Any])
        let feedback = try #require((definitions["feedback"] as? [String: Any])?["properties"] as? [String: Any])
        #expect((feedback["type"] as? [String: Any])?["enum"] as? [String] == ProductionExportReader.feedbackTypes)
    }
}
