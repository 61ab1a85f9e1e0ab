/// Everything the pipeline decided for one ticket: labels per stage, escalation, priority, reply, and why.
public struct Decision: Sendable, Codable, Equatable {
    /// Stage 1: the classification of the customer's own words (before any agent reply).
    public var stage1: Classification
    /// Stage 2: the re-classification with the agent's replies as context; nil when no agent has replied.
    public var stage2: Classification?
    /// Whether stage 2 changed the category.
    public var classificationChanged: Bool
    /// Whether a human is brought in.
    public var escalate: Bool
    /// The team escalated to, or nil.
    public var team: String?
    /// The tier of the deciding rule (`always`, `likely`, `never`).
    public var tier: EscalationTier
    /// Priority name from the taxonomy.
    public var priority: String
    /// First-response SLA in hours for the customer's plan, when escalated.
    public var slaHours: Double?
    /// Input signals such as suspected prompt injection or truncated input.
    public var inputSignals: [String]
    /// Set when a customer-written field (name, subject, message) looks like an attempt to instruct the
    /// model: which fields and which lexicon phrases or patterns. Nil for a clean ticket (and in decisions
    /// stored before this field existed).
    public var promptInjection: PromptInjectionFinding?
    /// The formatted reply.
    public var reply: Reply
    /// Which rules were evaluated, which fired, which won and why.
    public var trace: DecisionTrace

    /// Whether the ticket was flagged as a suspected prompt injection.
    public var isPromptInjectionSuspected: Bool { promptInjection != nil }

    /// The final classification: stage 2 when it ran, else stage 1.
    public var classification: Classification { stage2 ?? stage1 }

    /// Creates a decision.
    public init(stage1: Classification, stage2: Classification?, escalate: Bool, team: String?, tier: EscalationTier,
                priority: String, slaHours: Double?, inputSignals: [String], reply: Reply, trace: DecisionTrace,
                promptInjection: PromptInjectionFinding? = nil) {
        self.stage1 = stage1
        self.stage2 = stage2
        self.classificationChanged = stage2.map { $0.category != stage1.category } ?? false
        self.escalate = escalate
        self.team = team
        self.tier = tier
        self.priority = priority
        self.slaHours = slaHours
        self.inputSignals = inputSignals
        self.promptInjection = promptInjection
        self.reply = reply
        self.trace = trace
    }
}

/// The three escalation tiers of the policy. They are the shape of every policy, so they are code; which
/// rules sit in which tier is data.
public enum EscalationTier: String, Sendable, Codable, CaseIterable, Comparable {
    /// Always escalate when the rule's condition holds.
    case always
    /// Escalate when the condition holds, unless the rule's declared exception holds.
    case likely
    /// Handled without a human.
    case never

    private var rank: Int { switch self { case .always: 0; case .likely: 1; case .never: 2 } }
    /// ALWAYS < LIKELY < NEVER, the order in which tiers outrank each other.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}
