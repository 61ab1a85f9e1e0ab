import Foundation

/// The values a prompt's `{{variables}}` take for a ticket, computed from the ticket and the policy.
///
/// | Variable | Value |
/// |---|---|
/// | `ticket.channel`, `ticket.plan`, `ticket.customer` | the ticket's fields |
/// | `ticket.subject` | the subject line, quoted as data, or `(none)` |
/// | `conversation` | the messages the stage sees, each under `Customer:` or `Agent:`, text fenced in `"""` |
/// | `customer_messages` | the customer's messages the stage sees, fenced |
/// | `agent_replies` | the agent's replies the stage sees, fenced, or `(none)` |
/// | `categories` | one line per category: `- name: description` |
/// | `category_names`, `priorities` | the names, comma-separated (priorities most urgent first) |
/// | `sentiments` | one line per sentiment label with its score range |
/// | `escalation_rules` | one line per rule: id, tier, team and description |
/// | `stage1.category`, `stage1.confidence` | the stage-1 labels (stage 2 only) |
/// | `classification.category`, `classification.sentiment` | the final labels (replies) |
/// | `escalate`, `team`, `sla`, `first_name` | the escalation outcome and the customer's first name (replies) |
///
/// Fences keep the customer's words recognisably data: a `"""` inside a message is rewritten to `'''`,
/// so no message can close its fence and speak as the prompt.
public struct PromptVariables: Sendable {
    /// The variable names.
    public enum Name {
        /// `ticket.channel`.
        public static let channel = "ticket.channel"
        /// `ticket.plan`.
        public static let plan = "ticket.plan"
        /// `ticket.customer`.
        public static let customer = "ticket.customer"
        /// `ticket.subject`.
        public static let subject = "ticket.subject"
        /// `conversation`.
        public static let conversation = "conversation"
        /// `customer_messages`.
        public static let customerMessages = "customer_messages"
        /// `agent_replies`.
        public static let agentReplies = "agent_replies"
        /// `categories`.
        public static let categories = "categories"
        /// `category_names`.
        public static let categoryNames = "category_names"
        /// `sentiments`.
        public static let sentiments = "sentiments"
        /// `priorities`.
        public static let priorities = "priorities"
        /// `escalation_rules`.
        public static let escalationRules = "escalation_rules"
        /// `stage1.category`.
        public static let stage1Category = "stage1.category"
        /// `stage1.confidence`.
        public static let stage1Confidence = "stage1.confidence"
        /// `classification.category`.
        public static let category = "classification.category"
        /// `classification.sentiment`.
        public static let sentiment = "classification.sentiment"
        /// `escalate`.
        public static let escalate = "escalate"
        /// `team`.
        public static let team = "team"
        /// `sla`.
        public static let sla = "sla"
        /// `first_name`.
        public static let firstName = "first_name"
    }

    /// The text that stands for an empty list or a missing field.
    public static let none = "(none)"
    /// The fence around every message.
    public static let fence = "\"\"\""

    /// The policy the values describe.
    public let policy: Policy
    private let policyValues: [String: String]

    /// Prepares the policy's part of the values (taxonomy and rules), which is the same for every ticket.
    public init(policy: Policy) {
        self.policy = policy
        let taxonomy = policy.taxonomy
        policyValues = [
            Name.categories: taxonomy.categories.map { $0.description.isEmpty ? "- \($0.name)" : "- \($0.name): \($0.description)" }
                .joined(separator: "\n"),
            Name.categoryNames: taxonomy.categoryNames.joined(separator: ", "),
            Name.sentiments: taxonomy.sentimentRanges.map { "- \($0.name): sentiment_score from \(Self.number($0.lower)) to \(Self.number($0.upper))" }
                .joined(separator: "\n"),
            Name.priorities: taxonomy.priorities.joined(separator: ", "),
            Name.escalationRules: policy.rules.map { rule in
                let target = rule.team.map { "team \($0)" } ?? "no escalation"
                let description = rule.description.isEmpty ? "" : ": \(rule.description)"
                return "- \(rule.id) (\(rule.tier.rawValue), \(target))\(description)"
            }.joined(separator: "\n"),
        ]
    }

    /// The values for a classification prompt at a stage; `stage1` is the stage-1 result when `stage` is 2.
    public func classification(ticket: Ticket, stage: Int, stage1: Classification? = nil) -> [String: String] {
        var values = common(ticket: ticket, stage: stage)
        if let stage1 {
            values[Name.stage1Category] = stage1.category
            values[Name.stage1Confidence] = Self.number(stage1.confidence)
        }
        return values
    }

    /// The values for a reply prompt: the whole conversation, the final labels and the escalation outcome.
    public func reply(ticket: Ticket, classification: Classification, escalate: Bool, team: String?, slaHours: Double?) -> [String: String] {
        var values = common(ticket: ticket, stage: 2)
        values[Name.category] = classification.category
        values[Name.sentiment] = classification.sentiment
        values[Name.escalate] = escalate ? "yes" : "no"
        values[Name.team] = escalate ? (team.map { policy.taxonomy.team(named: $0)?.displayName ?? $0 } ?? "") : ""
        values[Name.sla] = escalate ? (slaHours.map(TemplateReplyDrafter.describeHours) ?? "") : ""
        values[Name.firstName] = ticket.customerFirstName
        return values
    }

    private func common(ticket: Ticket, stage: Int) -> [String: String] {
        var values = policyValues
        let messages = Self.messages(of: ticket, stage: stage)
        values[Name.channel] = ticket.channel
        values[Name.plan] = ticket.plan
        values[Name.customer] = ticket.customer
        values[Name.subject] = ticket.subject.map { $0.isEmpty ? Self.none : Self.quoted($0) } ?? Self.none
        values[Name.conversation] = Self.conversation(messages)
        values[Name.customerMessages] = Self.fencedList(messages.filter { $0.role == .customer })
        values[Name.agentReplies] = Self.fencedList(messages.filter { $0.role == .agent })
        return values
    }

    /// The messages a stage sees: stage 1 those before the first agent reply, stage 2 all of them.
    public static func messages(of ticket: Ticket, stage: Int) -> [Message] {
        guard stage == 1 else { return ticket.messages }
        return Array(ticket.messages.prefix { $0.role != .agent })
    }

    /// Messages one after another, each under `Customer:` or `Agent:`, the text fenced.
    public static func conversation(_ messages: [Message]) -> String {
        guard !messages.isEmpty else { return none }
        return messages.map { "\($0.role == .customer ? "Customer" : "Agent"):\n\(fenced($0.text))" }.joined(separator: "\n\n")
    }

    /// A text between `"""` lines, with any `"""` inside rewritten so it cannot close the fence.
    public static func fenced(_ text: String) -> String {
        "\(fence)\n\(neutralized(text))\n\(fence)"
    }

    /// A one-line text in double quotes, with line breaks flattened and fences neutralized.
    static func quoted(_ text: String) -> String {
        "\"" + neutralized(text).split(whereSeparator: \.isNewline).joined(separator: " ") + "\""
    }

    private static func neutralized(_ text: String) -> String {
        text.replacingOccurrences(of: fence, with: "'''")
    }

    private static func fencedList(_ messages: [Message]) -> String {
        messages.isEmpty ? none : messages.map { fenced($0.text) }.joined(separator: "\n\n")
    }

    /// A number in its shortest plain form with at most two decimals: `0.85`, `-1`, `0.08`.
    static func number(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        return String(rounded)
    }
}
