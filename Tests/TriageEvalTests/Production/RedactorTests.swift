import Foundation
import Testing
import TriageEngine
@testable import TriageEval

/// Redaction with the shipped `rules/redaction.yaml`: placeholders, checksums, pseudonyms and loader errors.
@Suite("Redaction")
struct RedactorTests {
    static let redactor = try! RedactionLoader.load(directory: EvalFixtures.root + "/rules", environment: ["TRIAGE_EVAL_PSEUDONYM_KEY": "test-key"])

    @Test func plantedValuesBecomePlaceholdersAndOrdinaryNumbersStay() {
        let text = "Dana here: dana.k@example.com, +44 20 7946 0958, card 4111 1111 1111 1111, IBAN GB82 WEST 1234 5698 7654 32, "
            + "DE89370400440532013000, 221 Baker Street, NW1 6XE. Order 4111 1111 1111 1112 cost $20.50 on 2026-11-02 at 09:14."
        #expect(Self.redactor.redact(text, customer: "Dana K.") == Self.redactor.pseudonymizer.pseudonym(for: "Dana K.")
            + " here: [email], [phone], card [card], IBAN [iban], [iban], [address], [postcode]. Order [phone] 1112 cost $20.50 on 2026-11-02 at 09:14.")
    }

    /// A message of 200,000 word characters around an address and an IBAN is redacted like a short one: the
    /// patterns run on the linear-time engine (ICU backtracking took minutes on this text), and a span
    /// found with a failed `\b` start before it is still found.
    @Test func aHugeMessageIsRedactedLikeAShortOne() {
        let filler = String(repeating: "x", count: 200_000)
        let text = filler + " write to dana.k@example.com or pay GB82 WEST 1234 5698 7654 32 " + filler
        #expect(Self.redactor.redact(text) == filler + " write to [email] or pay [iban] " + filler)
    }

    @Test(arguments: [("4111111111111111", true), ("4111 1111 1111 1112", false), ("79927398713", false), ("5555-5555-5555-4444", true)])
    func luhn(_ number: String, _ valid: Bool) { #expect(RedactionCheck.luhn.passes(number) == valid) }

    // Valid examples from the ECBS IBAN registry examples; the second differs in one digit.
    @Test(arguments: [("GB82 WEST 1234 5698 7654 32", true), ("GB82 WEST 1234 5698 7654 33", false), ("DE89370400440532013000", true), ("DE8937040044", false)])
    func iban(_ number: String, _ valid: Bool) { #expect(RedactionCheck.iban.passes(number) == valid) }

    /// HMAC-SHA-256 against RFC 4231 test case 2; pseudonyms are stable, keyed and normalised.
    @Test func pseudonymsAreKeyedHashes() {
        let mac = Pseudonymizer.hmac(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
        #expect(mac.map { String(format: "%02x", $0) }.joined() == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        let one = Pseudonymizer(prefix: "Customer-", key: "k1"), two = Pseudonymizer(prefix: "Customer-", key: "k2")
        #expect(one.pseudonym(for: "Dana K.") == one.pseudonym(for: "  dana   k. "))
        #expect(one.pseudonym(for: "Dana K.") != two.pseudonym(for: "Dana K."))
        #expect(one.pseudonym(for: "Dana K.").count == "Customer-".count + 8)
        #expect(!one.pseudonym(for: "Dana K.").lowercased().contains("dana"))
    }

    @Test func conversationFieldsAreAllRedacted() {
        let conversation = ProductionConversation(id: "c-1", channel: "email", customer: "Dana Kowalski", subject: "Dana's card 4111 1111 1111 1111",
                                                  messages: [.init(role: .customer, text: "I am Dana Kowalski, dana@example.com")],
                                                  feedback: .init(type: "thumbs_down", comment: "call +44 20 7946 0958"),
                                                  correction: .init(labels: .init(category: "billing"), urgency: "normal", note: "Kowalski was double charged"))
        let redacted = Self.redactor.redact(conversation)
        let encoded = String(decoding: try! JSONEncoder().encode(redacted), as: UTF8.self)
        for value in ["Dana", "Kowalski", "4111", "dana@", "7946"] { #expect(!encoded.contains(value), "\(value) survived") }
        #expect(redacted.customer == Self.redactor.pseudonymizer.pseudonym(for: "Dana Kowalski"))
    }

    /// An id holding an e-mail address or the customer's name is stored as a keyed stand-in, the same on every
    /// import (so a re-import still knows it); an ordinary id stays as it is.
    @Test func conversationIdsWithPersonalDataBecomeKeyedStandIns() async throws {
        func conversation(_ id: String) -> ProductionConversation {
            ProductionConversation(id: id, channel: "email", customer: "Dana Kowalski", messages: [.init(role: .customer, text: "refund please")],
                                   correction: .init(labels: .init(category: "billing"), urgency: "normal"))
        }
        #expect(Self.redactor.redact(conversation("c-1")).id == "c-1")
        let mailed = Self.redactor.redact(conversation("dana@example.com/2026-11-02")).id
        let named = Self.redactor.redact(conversation("kowalski-7")).id
        #expect(mailed == Self.redactor.pseudonymizer.pseudonym(forIdentifier: "dana@example.com/2026-11-02", kind: "conversation"))
        #expect(mailed.hasPrefix("conversation-") && mailed.count == "conversation-".count + 16)
        #expect(named.hasPrefix("conversation-") && named != mailed)
        #expect(Pseudonymizer(prefix: "P-", key: "other").pseudonym(forIdentifier: "kowalski-7", kind: "conversation") != named)

        let store = try SQLiteStore(path: ":memory:")
        let importer = LearningImporter(redactor: Self.redactor, taxonomy: EvalFixtures.policy.taxonomy)
        let first = try await importer.importConversations([conversation("dana@example.com/2026-11-02"), conversation("c-1")], into: store)
        #expect(first.created.map(\.conversationID) == [mailed, "c-1"])
        let again = try await importer.importConversations([conversation("dana@example.com/2026-11-02")], into: store)
        #expect(again.created.isEmpty && again.alreadyImported == 1)
        #expect(try store.learnItems(status: nil).allSatisfy { !$0.conversationID.contains("dana") })
    }

    @Test(arguments: [
        ("patterns:\n  - {name: x, pattern: '(a)\\1', placeholder: '[x]'}\npseudonym: {prefix: P-, key_env: K}\n",
         "redaction.yaml:2:24: error: pattern uses a backreference \"\\1\", which redaction patterns may not (keep them linear-time)"),
        ("patterns:\n  - {name: x, pattern: 'a(?=b)', placeholder: '[x]'}\npseudonym: {prefix: P-, key_env: K}\n",
         "redaction.yaml:2:24: error: pattern uses a lookaround \"(?=\", which redaction patterns may not (keep them linear-time)"),
        ("patterns:\n  - {name: x, pattern: '(a', placeholder: '[x]'}\npseudonym: {prefix: P-, key_env: K}\n",
         "redaction.yaml:2:25: error: invalid regular expression \"(a\": missing ) to close this group"),
        ("patterns:\n  - {name: x, pattern: 'a', placeholder: '[x]', check: crc}\npseudonym: {prefix: P-, key_env: K}\n",
         "redaction.yaml:2:56: error: unknown check \"crc\"; expected one of: luhn, iban"),
        ("patterns:\n  - {name: x, pattern: 'a', placeholder: '[x]'}\n",
         "redaction.yaml:1:1: error: missing key \"pseudonym\" in the redaction rules"),
    ])
    func badEntriesGivePositionedErrors(_ text: String, _ expected: String) {
        let message = EvalFixtures.errorText { try RedactionLoader.load(YAMLFile(path: "redaction.yaml", text: text)) }
        #expect(message.components(separatedBy: "\n").first == expected)
    }
}
