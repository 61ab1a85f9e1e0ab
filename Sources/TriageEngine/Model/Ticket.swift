/// A support ticket: who wrote, on which channel and plan, and the conversation so far.
///
/// Channel and plan are names from the policy's taxonomy (`rules/taxonomy.yaml`), not Swift enums: the
/// domain lives in data.
public struct Ticket: Sendable, Codable, Equatable {
    /// An identifier for logs and stored results; never shown to the customer.
    public var id: String
    /// The channel name, e.g. the taxonomy's `email`.
    public var channel: String
    /// The customer's plan name.
    public var plan: String
    /// The customer's display name ("Priya N.").
    public var customer: String
    /// The subject line, when the channel has one.
    public var subject: String?
    /// The conversation in order; the first message is the customer's.
    public var messages: [Message]

    /// Creates a ticket.
    public init(id: String, channel: String, plan: String, customer: String, subject: String? = nil, messages: [Message]) {
        self.id = id
        self.channel = channel
        self.plan = plan
        self.customer = customer
        self.subject = subject
        self.messages = messages
    }

    /// Whether an agent has already replied (which makes the pipeline run stage 2).
    public var hasAgentReply: Bool { messages.contains { $0.role == .agent } }

    /// The customer's first name for greetings ("Priya" from "Priya N."); empty when unknown.
    public var customerFirstName: String {
        customer.split(whereSeparator: { $0.isWhitespace }).first.map(String.init) ?? ""
    }
}

import Foundation
