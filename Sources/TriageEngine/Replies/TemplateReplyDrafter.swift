/// Drafts replies from the templates in `prompts/replies.yaml`: acknowledgement, then the escalation
/// hand-off with team and SLA or the self-service answer, then a closing line.
public struct TemplateReplyDrafter: Sendable {
    /// The templates.
    public let templates: ReplyTemplates
    /// The taxonomy (team display names, channel styles).
    public let taxonomy: Taxonomy

    /// Creates a drafter.
    public init(templates: ReplyTemplates, taxonomy: Taxonomy) {
        self.templates = templates
        self.taxonomy = taxonomy
    }

    /// The values templates can use for this ticket and outcome.
    public func variables(ticket: Ticket, classification: Classification, team: String?, slaHours: Double?) -> [String: String] {
        var values = templates.constants
        values["first_name"] = ticket.customerFirstName
        values["customer"] = ticket.customer
        values["category"] = classification.category
        values["plan"] = ticket.plan
        values["channel"] = ticket.channel
        values["subject"] = ticket.subject ?? ""
        if let team { values["team"] = taxonomy.team(named: team)?.displayName ?? team }
        if let slaHours { values["sla"] = Self.describeHours(slaHours) }
        return values
    }

    /// Drafts the reply.
    public func makeDraft(ticket: Ticket, classification: Classification, escalate: Bool, team: String?, slaHours: Double?) -> ReplyDraft {
        // The values of ``variables(ticket:classification:team:slaHours:)``, looked up by name as the templates
        // ask for them instead of copied into a dictionary per ticket.
        let firstName = ticket.customerFirstName
        let values = { (name: String) -> String? in
            switch name {
            case "first_name": return firstName
            case "customer": return ticket.customer
            case "category": return classification.category
            case "plan": return ticket.plan
            case "channel": return ticket.channel
            case "subject": return ticket.subject ?? ""
            case "team": return team.map { taxonomy.team(named: $0)?.displayName ?? $0 } ?? templates.constants[name]
            case "sla": return slaHours.map(Self.describeHours) ?? templates.constants[name]
            default: return templates.constants[name]
            }
        }
        let style = taxonomy.channel(named: ticket.channel)?.style ?? .plain
        let greeting = firstName.isEmpty ? templates.greetingWithoutName.render(values) : templates.greeting[style]!.render(values)
        var paragraphs: [String] = []
        let acknowledgement = templates.acknowledgement[classification.sentiment] ?? templates.acknowledgement["default"]!
        paragraphs.append(acknowledgement.render(values))
        if escalate {
            paragraphs.append(templates.handoff.render(values))
            paragraphs.append((templates.closing["escalated"] ?? templates.closing["default"]!).render(values))
        } else {
            paragraphs.append((templates.selfService[classification.category] ?? templates.selfService["default"]!).render(values))
            paragraphs.append((templates.closing["self_service"] ?? templates.closing["default"]!).render(values))
        }
        return ReplyDraft(greeting: greeting, paragraphs: paragraphs.filter { !$0.isEmpty }, signature: templates.signature.render(values))
    }

    /// "1 hour", "4 hours", "30 minutes".
    public static func describeHours(_ hours: Double) -> String {
        if hours < 1 {
            let minutes = Int((hours * 60).rounded())
            return minutes == 1 ? "1 minute" : "\(minutes) minutes"
        }
        let whole = hours == hours.rounded() ? String(Int(hours)) : String(hours)
        return hours == 1 ? "1 hour" : "\(whole) hours"
    }
}
