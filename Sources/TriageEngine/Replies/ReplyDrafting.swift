/// Something that drafts the reply body for a decided ticket: the templates, or a model.
public protocol ReplyDrafting: Sendable {
    /// Drafts a reply for the ticket given its labels and escalation outcome.
    func draft(ticket: Ticket, classification: Classification, escalate: Bool, team: String?, slaHours: Double?) async throws -> ReplyDraft
}

extension TemplateReplyDrafter: ReplyDrafting {
    /// Drafts from the templates (never suspends).
    public func draft(ticket: Ticket, classification: Classification, escalate: Bool, team: String?, slaHours: Double?) async throws -> ReplyDraft {
        makeDraft(ticket: ticket, classification: classification, escalate: escalate, team: team, slaHours: slaHours)
    }
}
