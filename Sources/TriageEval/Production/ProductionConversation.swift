import Foundation

/// One conversation from a production export (one line of a JSON Lines file; README, "Production exports").
public struct ProductionConversation: Sendable, Equatable, Codable {
    /// Who wrote a message.
    public enum Role: String, Sendable, Codable, CaseIterable {
        /// The customer.
        case customer
        /// The support agent or assistant (the last agent message is the drafted reply).
        case agent
    }

    /// One message of the conversation.
    public struct Message: Sendable, Equatable, Codable {
        /// Who wrote it.
        public var role: Role
        /// What it says.
        public var text: String

        /// Creates a message.
        public init(role: Role, text: String) {
            self.role = role
            self.text = text
        }
    }

    /// Triage labels, as production predicted them or as a correction gives them.
    public struct Labels: Sendable, Equatable, Codable {
        /// The category.
        public var category: String
        /// Whether to escalate, if given.
        public var escalate: Bool?
        /// The team (`none` for nobody), if given.
        public var team: String?
        /// The priority, if given.
        public var priority: String?
    }

    /// What the customer said about the answer.
    public struct Feedback: Sendable, Equatable, Codable {
        /// `thumbs_up`, `thumbs_down` or `star_rating`.
        public var type: String
        /// A rating from 1 to 5, if given.
        public var rating: Int?
        /// Free text, if given.
        public var comment: String?
    }

    /// A correction of the predicted labels by a person.
    public struct Correction: Sendable, Equatable, Codable {
        /// The labels production should have given.
        public var labels: Labels
        /// Who corrected (e.g. `owner`), if given.
        public var by: String?
        /// `urgent` or `normal` (default).
        public var urgency: String
        /// Why, if given.
        public var note: String?
    }

    /// The conversation's id in production.
    public var id: String
    /// The channel it came in on.
    public var channel: String
    /// The customer's plan, if given.
    public var plan: String?
    /// The customer's name, if given (personal data: redact before storing or writing).
    public var customer: String?
    /// The subject line, if given.
    public var subject: String?
    /// When it started (ISO 8601), if given.
    public var createdAt: String?
    /// The messages in order.
    public var messages: [Message]
    /// What production predicted, if given.
    public var predicted: Labels?
    /// The customer's feedback, if given.
    public var feedback: Feedback?
    /// A person's correction, if given.
    public var correction: Correction?
    /// The file and 1-based line it was read from.
    public var source: String

    /// Creates a conversation.
    public init(id: String, channel: String, plan: String? = nil, customer: String? = nil, subject: String? = nil,
                createdAt: String? = nil, messages: [Message], predicted: Labels? = nil, feedback: Feedback? = nil,
                correction: Correction? = nil, source: String = "") {
        self.id = id
        self.channel = channel
        self.plan = plan
        self.customer = customer
        self.subject = subject
        self.createdAt = createdAt
        self.messages = messages
        self.predicted = predicted
        self.feedback = feedback
        self.correction = correction
        self.source = source
    }
}
