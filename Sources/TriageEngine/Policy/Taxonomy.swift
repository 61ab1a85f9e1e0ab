/// The names a policy knows: categories, priorities, sentiments, channels, plans and teams.
public struct Taxonomy: Sendable, Equatable {
    /// A category with a description (used in prompts and reports).
    public struct Category: Sendable, Equatable, Codable {
        /// The name, e.g. `billing`.
        public var name: String
        /// What belongs in it.
        public var description: String
    }

    /// A sentiment label and the score band it covers (`minScore ≤ score ≤ maxScore`).
    public struct SentimentBand: Sendable, Equatable, Codable {
        /// The label, e.g. `angry`.
        public var name: String
        /// Inclusive lower bound, or nil for no bound.
        public var minScore: Double?
        /// Inclusive upper bound, or nil for no bound.
        public var maxScore: Double?

        /// Whether a score falls in the band.
        public func contains(_ score: Double) -> Bool {
            (minScore.map { score >= $0 } ?? true) && (maxScore.map { score <= $0 } ?? true)
        }
    }

    /// A channel and how replies on it are formatted.
    public struct Channel: Sendable, Equatable, Codable {
        /// The name, e.g. `whatsapp`.
        public var name: String
        /// The reply style.
        public var style: ReplyStyle
        /// The most characters one outgoing message may have; longer replies are split.
        public var maxMessageChars: Int
    }

    /// A plan and its first-response SLA.
    public struct Plan: Sendable, Equatable, Codable {
        /// The name, e.g. `enterprise`.
        public var name: String
        /// Hours to first response on escalation.
        public var firstResponseHours: Double
    }

    /// A team that escalations route to.
    public struct Team: Sendable, Equatable, Codable {
        /// The name, e.g. `billing`.
        public var name: String
        /// How replies name it ("Billing" in "our Billing team").
        public var displayName: String
        /// The named contact for the hand-off (internal; never shown in replies).
        public var contact: String
    }

    /// Categories in declaration order (ties between equal scores go to the earlier one).
    public var categories: [Category]
    /// Priority names, most urgent first.
    public var priorities: [String]
    /// Sentiment bands; the first band containing a score gives its label.
    public var sentiments: [SentimentBand]
    /// Channels.
    public var channels: [Channel]
    /// Plans.
    public var plans: [Plan]
    /// Teams.
    public var teams: [Team]
    /// The category given when no category has enough evidence.
    public var defaultCategory: String
    /// The priority given when no priority rule applies.
    public var defaultPriority: String

    /// Category names in order.
    public var categoryNames: [String] { categories.map(\.name) }
    /// Sentiment names in order.
    public var sentimentNames: [String] { sentiments.map(\.name) }
    /// Channel names in order.
    public var channelNames: [String] { channels.map(\.name) }
    /// Plan names in order.
    public var planNames: [String] { plans.map(\.name) }
    /// Team names in order.
    public var teamNames: [String] { teams.map(\.name) }

    /// The sentiment label for a score.
    public func sentiment(for score: Double) -> String {
        (sentiments.first { $0.contains(score) } ?? sentiments[sentiments.count - 1]).name
    }

    /// The channel with this name.
    public func channel(named name: String) -> Channel? { channels.first { $0.name == name } }
    /// The plan with this name.
    public func plan(named name: String) -> Plan? { plans.first { $0.name == name } }
    /// The team with this name.
    public func team(named name: String) -> Team? { teams.first { $0.name == name } }
}

/// How a channel's replies are laid out. Styles are code; which channel uses which is data.
public enum ReplyStyle: String, Sendable, Codable, CaseIterable {
    /// Greeting, paragraphs, signature.
    case email
    /// Short, no markdown headings, split into messages.
    case chat
    /// Plain text without markdown.
    case plain
}
