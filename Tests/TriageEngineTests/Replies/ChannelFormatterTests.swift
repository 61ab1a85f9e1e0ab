import Testing
@testable import TriageEngine

@Suite("Replies and channel formatting")
struct ChannelFormatterTests {
    let formatter = ChannelFormatter(taxonomy: Fixtures.policy.taxonomy, redactions: Fixtures.replies.redactions)

    @Test func emailHasGreetingParagraphsAndSignature() {
        let reply = formatter.format(ReplyDraft(greeting: "Hi Priya,", paragraphs: ["One.", "Two."], signature: "Best regards,\nAcme"), channel: "email")
        #expect(reply.text == "Hi Priya,\n\nOne.\n\nTwo.\n\nBest regards,\nAcme")
        #expect(reply.parts.count == 1)
    }

    @Test func whatsappSplitsAt1600AndDropsHeadings() {
        let sentence = "This sentence is part of a long answer that keeps going. "
        let long = String(repeating: sentence, count: 80)
        let reply = formatter.format(ReplyDraft(greeting: "Hi Priya!", paragraphs: ["## Steps", "**Bold** " + long], signature: "sig"), channel: "whatsapp")
        #expect(reply.parts.count >= 3)
        #expect(reply.parts.allSatisfy { $0.count <= 1600 })
        #expect(!reply.text.contains("#"))
        #expect(!reply.text.contains("**"))
        #expect(!reply.text.contains("sig"))
        #expect(reply.parts.joined(separator: " ").replacingOccurrences(of: "\n\n", with: " ").contains("Steps"))
    }

    @Test(arguments: [10, 160, 1600])
    func splitNeverExceedsLimit(limit: Int) {
        let text = String(repeating: "word ", count: 900) + String(repeating: "x", count: 3000)
        let parts = ChannelFormatter.split(text, limit: limit)
        #expect(parts.allSatisfy { $0.count <= limit })
        #expect(parts.joined().filter { $0 != " " } == text.filter { $0 != " " })
    }

    @Test func webFormIsPlainText() {
        let reply = formatter.format(ReplyDraft(greeting: "Hi A,", paragraphs: ["# Title", "Use `Export` and **Save**."], signature: "Best,\nAcme"), channel: "web_form")
        #expect(reply.text == "Hi A,\n\nTitle\n\nUse Export and Save.\n\nBest, Acme")
    }

    @Test func internalIDsAreRedacted() {
        let reply = formatter.format(ReplyDraft(greeting: "Hi A,", paragraphs: ["Your ticket TF-20260101-ABCD is open."], signature: ""), channel: "email")
        #expect(!reply.text.contains("TF-"))
    }

    @Test func pipelineRepliesNeverShowRuleNamesOrContacts() throws {
        for text in ["I was charged twice, refund me", "my account was hacked", "how do I export?", "delete my account"] {
            for channel in ["email", "whatsapp", "web_form"] {
                let decision = try Fixtures.pipeline.triageBuiltin(Fixtures.ticket(text, channel: channel, plan: "enterprise"))
                for rule in Fixtures.policy.rules { #expect(!decision.reply.text.contains(rule.id)) }
                for team in Fixtures.policy.taxonomy.teams { #expect(!decision.reply.text.contains(team.contact)) }
            }
        }
    }

    @Test func escalatedReplyNamesTeamAndSLA() throws {
        let decision = try Fixtures.pipeline.triageBuiltin(Fixtures.ticket("I was charged twice, I want a refund", plan: "enterprise"))
        #expect(decision.reply.text.hasPrefix("Hi Priya,"))
        #expect(decision.reply.text.contains("our Billing team"))
        #expect(decision.reply.text.contains("within 1 hour"))
    }

    @Test(arguments: [(0.5, "30 minutes"), (1.0, "1 hour"), (4.0, "4 hours"), (24.0, "24 hours"), (1.5, "1.5 hours")])
    func slaWording(hours: Double, text: String) {
        #expect(TemplateReplyDrafter.describeHours(hours) == text)
    }
}
