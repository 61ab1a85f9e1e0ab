import Testing
@testable import TriageEngine

/// The drafter looks each template variable up by name instead of filling a dictionary per ticket; the
/// dictionary of ``TemplateReplyDrafter/variables(ticket:classification:team:slaHours:)`` stays the reference.
@Suite("Template drafts without a dictionary per ticket")
struct TemplateDraftTests {
    @Test func draftsAsTheVariablesDictionaryRenders() throws {
        let policy = Fixtures.policy
        // Constants named like a ticket's variables: the ticket's value wins, team and sla only when given.
        var shadowed = Fixtures.replies
        for name in ["team", "sla", "first_name", "plan"] { shadowed.constants[name] = "constant \(name)" }
        var compared = 0
        for templates in [Fixtures.replies, shadowed] {
        let drafter = TemplateReplyDrafter(templates: templates, taxonomy: policy.taxonomy)
        for customer in ["Priya N.", "", "  ", "Zoë K.", "\r\nAnn"] {
            for channel in policy.taxonomy.channelNames + ["unknown"] {
                for category in policy.taxonomy.categoryNames {
                    for sentiment in policy.taxonomy.sentimentNames {
                        for (escalate, team, sla) in [(true, policy.taxonomy.teamNames.first, 4.0), (false, nil, nil), (true, "no-such-team", 0.5)] as [(Bool, String?, Double?)] {
                            let ticket = Ticket(id: "t", channel: channel, plan: "pro", customer: customer, subject: compared % 2 == 0 ? nil : "Subj",
                                                messages: [Message(role: .customer, text: "x")])
                            let labels = Classification(category: category, confidence: 0.5, sentiment: sentiment, sentimentScore: 0, churnRisk: false,
                                                        signals: [], reason: "")
                            let draft = drafter.makeDraft(ticket: ticket, classification: labels, escalate: escalate, team: team, slaHours: sla)
                            #expect(draft == Self.reference(drafter, ticket, labels, escalate, team, sla))
                            compared += 1
                        }
                    }
                }
            }
        }
        }
        #expect(compared > 100)
    }

    /// ``TemplateReplyDrafter/makeDraft`` as it was: every template rendered with the variables dictionary.
    static func reference(_ drafter: TemplateReplyDrafter, _ ticket: Ticket, _ labels: Classification, _ escalate: Bool, _ team: String?,
                          _ sla: Double?) -> ReplyDraft {
        let templates = drafter.templates
        let values = drafter.variables(ticket: ticket, classification: labels, team: team, slaHours: sla)
        let style = drafter.taxonomy.channel(named: ticket.channel)?.style ?? .plain
        let greeting = ticket.customerFirstName.isEmpty ? templates.greetingWithoutName.render(values) : templates.greeting[style]!.render(values)
        var paragraphs = [(templates.acknowledgement[labels.sentiment] ?? templates.acknowledgement["default"]!).render(values)]
        if escalate {
            paragraphs.append(templates.handoff.render(values))
            paragraphs.append((templates.closing["escalated"] ?? templates.closing["default"]!).render(values))
        } else {
            paragraphs.append((templates.selfService[labels.category] ?? templates.selfService["default"]!).render(values))
            paragraphs.append((templates.closing["self_service"] ?? templates.closing["default"]!).render(values))
        }
        return ReplyDraft(greeting: greeting, paragraphs: paragraphs.filter { !$0.isEmpty }, signature: templates.signature.render(values))
    }
}
