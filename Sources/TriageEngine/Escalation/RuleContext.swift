/// What a rule condition can look at: the labels, the ticket, the stage, the customer's text and the
/// escalation rules that already fired.
public struct RuleContext: Sendable {
    /// The final classification.
    public var classification: Classification
    /// The ticket.
    public var ticket: Ticket
    /// 1 before any agent reply, 2 after.
    public var stage: Int
    /// The customer's words the stage saw, analyzed.
    public var customerText: [AnalyzedText]
    /// The raw customer text the stage saw, joined by newlines (for `text_pattern`).
    public var rawCustomerText: String
    /// Escalation rules that fired (for priority rules).
    public var fired: Set<String>
}
