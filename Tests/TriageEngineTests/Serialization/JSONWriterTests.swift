import Foundation
import Testing
@testable import TriageEngine

@Suite("Fast JSON writer")
struct JSONWriterTests {
    @Test func escapesLikeJSONRequires() throws {
        var writer = JSONWriter()
        writer.object { w in
            w.field("text", "quote \" backslash \\ newline \n tab \t bell \u{07} ünïcödé 🙂")
            w.field("n", 0.125)
            w.field("whole", 3.0)
            w.field("flag", false)
            w.field("list", ["a", "b"])
            w.field("absent", nil as String?)
        }
        let object = try JSONSerialization.jsonObject(with: Data(writer.string.utf8)) as! [String: Any]
        #expect(object["text"] as? String == "quote \" backslash \\ newline \n tab \t bell \u{07} ünïcödé 🙂")
        #expect(object["n"] as? Double == 0.125)
        #expect(object["whole"] as? Int == 3)
        #expect(object["flag"] as? Bool == false)
        #expect(object["list"] as? [String] == ["a", "b"])
        #expect(object["absent"] == nil)
    }

    /// Strings without anything to escape are copied whole, others byte by byte: both give these exact bytes
    /// (RFC 8259 section 7: quote, backslash and controls below 0x20 escaped; DEL and non-ASCII as they are).
    @Test(arguments: [
        ("plain ASCII", #""plain ASCII""#),
        ("", #""""#),
        ("ünïcödé 🙂 \u{7F}", "\"ünïcödé 🙂 \u{7F}\""),
        ("a\"b", #""a\"b""#),
        ("a\\b", #""a\\b""#),
        ("line\nnext\r\ttab", #""line\nnext\r\ttab""#),
        ("\u{01}\u{1F} end", #""\u0001\u001f end""#),
    ])
    func writesStringsByteForByte(text: String, expected: String) {
        var writer = JSONWriter()
        writer.value(text)
        #expect(writer.string == expected)
        var list = JSONWriter()
        list.value([text, "x"])
        #expect(list.string == "[" + expected + #","x"]"#)
    }

    /// The hand-written encoding must decode, through Codable, to the very same decision.
    @Test(arguments: [
        "I was charged twice and want a refund, this is unacceptable!!",
        "How do I export to CSV? \"quotes\" and \\ backslashes\nnew lines",
        "Mi cuenta fue hackeada 😡",
    ])
    func decisionRoundTripsThroughCodable(text: String) throws {
        let ticket = Ticket(id: "t", channel: "whatsapp", plan: "enterprise", customer: "Ana", subject: "Hi", messages: [
            Message(role: .customer, text: text), Message(role: .agent, text: "Could you tell me more?"), Message(role: .customer, text: text),
        ])
        let decision = try Fixtures.pipeline.triageBuiltin(ticket)
        #expect(decision.stage2 != nil)
        let decoded = try JSONDecoder().decode(Decision.self, from: Data(decision.json.utf8))
        #expect(decoded == decision)
    }
}
