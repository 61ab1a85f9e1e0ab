import Foundation
import LoopbackServer
import Testing
@testable import TriageEngine

/// The model writes the body; greetings and sign-offs it adds anyway are removed; an empty body falls back.
@Suite("LLM reply drafter")
struct LLMReplyDrafterTests {
    /// A drafter whose model is never called (body extraction is pure).
    static let drafter = LLMReplyDrafter(
        model: OpenAIChatModel(config: ModelConfig(name: "unused", provider: .openai, baseURL: URL(string: "http://127.0.0.1:9/v1"), model: "unused"),
                               transport: URLSessionTransport()),
        policy: Fixtures.policy, prompt: LLMFixtures.reply, templates: Fixtures.replies)

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var answer: String
        var paragraphs: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "greeting line and sign-off block",
             answer: "Hi Priya,\n\nThanks for reaching out. Our Billing team will get back to you within 4 hours.\n\nBest regards,\nThe Support Team",
             paragraphs: ["Thanks for reaching out. Our Billing team will get back to you within 4 hours."]),
        Case(name: "greeting inline with the first sentence",
             answer: "Hello Priya! I'm sorry about the double charge.\n\nOur Billing team will reply within 4 hours.",
             paragraphs: ["I'm sorry about the double charge.", "Our Billing team will reply within 4 hours."]),
        Case(name: "sign-off with a placeholder name",
             answer: "Dear Priya,\nI understand how frustrating this is.\n\nKind regards,\n[Your Name]\nCustomer Support",
             paragraphs: ["I understand how frustrating this is."]),
        Case(name: "name-only greeting and a numbered list",
             answer: "Priya,\n\nHere are the steps:\n1. Open Settings\n2. Click Export\n\nThanks!",
             paragraphs: ["Here are the steps:\n1. Open Settings\n2. Click Export"]),
        Case(name: "a code fence around the body",
             answer: "```\nYou can export your data from Settings.\n```",
             paragraphs: ["You can export your data from Settings."]),
        Case(name: "body only, paragraphs kept with their line breaks",
             answer: "First paragraph.\n\n\nSecond paragraph,\nstill second.",
             paragraphs: ["First paragraph.", "Second paragraph,\nstill second."]),
        Case(name: "a thank-you sentence is body, not a sign-off",
             answer: "Thanks for your patience while we look into this.\n\nWe'll be in touch soon.",
             paragraphs: ["Thanks for your patience while we look into this.", "We'll be in touch soon."]),
        Case(name: "greeting without a name, Windows line endings",
             answer: "Hi there,\r\n\r\nWe've logged your request with our product team.\r\n",
             paragraphs: ["We've logged your request with our product team."]),
        Case(name: "nothing but a greeting and a sign-off",
             answer: "Hi Priya,\n\nBest regards", paragraphs: []),
        Case(name: "empty answer", answer: "  \n ", paragraphs: []),
    ]

    @Test(arguments: cases)
    func extractsTheBody(_ example: Case) {
        #expect(Self.drafter.body(of: example.answer, firstName: "Priya") == example.paragraphs)
    }

    /// The model's body between the templates' greeting and signature.
    @Test func draftsWithTemplateGreetingAndSignature() async throws {
        let stub = try OpenAIStub(answer: { _ in "Hi Priya,\n\nOur Billing team will get back to you within 4 hours.\n\nBest,\nSam" })
        defer { stub.stop() }
        let drafter = LLMReplyDrafter(model: LLMFixtures.openAI(stub), policy: Fixtures.policy, prompt: LLMFixtures.reply, templates: Fixtures.replies)
        let log = CallLog()
        let draft = try await CallContext.$log.withValue(log) {
            try await drafter.draft(ticket: LLMFixtures.ticket("I was charged twice"), classification: LLMFixtures.parsed("billing"),
                                    escalate: true, team: "billing", slaHours: 4)
        }
        #expect(draft == ReplyDraft(greeting: "Hi Priya,", paragraphs: ["Our Billing team will get back to you within 4 hours."],
                                    signature: "Best regards,\nThe Acme Support Team"))
        #expect(log.records.map(\.purpose) == ["reply"])
        #expect(log.records.first?.errorClass == nil)
        let request = try #require(stub.requests.first)
        let user = try #require(LLMFixtures.contents(request).last)
        #expect(user.contains("- escalate: yes\n- team: Billing\n- first response within: 4 hours"))
    }

    /// An empty answer gives the template draft, and the call is marked invalid_output.
    @Test func emptyAnswerFallsBackToTemplates() async throws {
        let stub = try OpenAIStub(answer: { _ in "" })
        defer { stub.stop() }
        let drafter = LLMReplyDrafter(model: LLMFixtures.openAI(stub), policy: Fixtures.policy, prompt: LLMFixtures.reply, templates: Fixtures.replies)
        let ticket = LLMFixtures.ticket("I was charged twice")
        let log = CallLog()
        let draft = try await CallContext.$log.withValue(log) {
            try await drafter.draft(ticket: ticket, classification: LLMFixtures.parsed("billing"), escalate: true, team: "billing", slaHours: 4)
        }
        let template = TemplateReplyDrafter(templates: Fixtures.replies, taxonomy: Fixtures.policy.taxonomy)
            .makeDraft(ticket: ticket, classification: LLMFixtures.parsed("billing"), escalate: true, team: "billing", slaHours: 4)
        #expect(draft == template)
        #expect(log.records.map(\.errorClass) == ["invalid_output"])
    }
}
