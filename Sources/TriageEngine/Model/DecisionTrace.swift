/// The audit trail of a decision: every rule evaluated, whether it fired, which won and why.
public struct DecisionTrace: Sendable, Codable, Equatable {
    /// One rule's evaluation.
    public struct RuleEvaluation: Sendable, Codable, Equatable {
        /// The rule's id from the YAML.
        public var rule: String
        /// The rule's tier.
        public var tier: EscalationTier
        /// Whether its condition held (and its exception did not).
        public var fired: Bool
        /// What decided it: the condition that held, or the exception that held; empty when it did not fire.
        public var detail: String

        /// Creates an evaluation.
        public init(rule: String, tier: EscalationTier, fired: Bool, detail: String) {
            self.rule = rule
            self.tier = tier
            self.fired = fired
            self.detail = detail
        }

        enum CodingKeys: String, CodingKey { case rule, tier, fired, detail }

        /// Decodes; a missing `detail` means an empty one (rules that did not fire store none).
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            rule = try container.decode(String.self, forKey: .rule)
            tier = try container.decode(EscalationTier.self, forKey: .tier)
            fired = try container.decode(Bool.self, forKey: .fired)
            detail = try container.decodeIfPresent(String.self, forKey: .detail) ?? ""
        }
    }

    /// Escalation rules in evaluation order.
    public var rules: [RuleEvaluation]
    /// The id of the deciding rule, or nil when no rule fired (the default NEVER tier).
    public var winner: String?
    /// Why the winner won (precedence among the rules that fired).
    public var why: String
    /// The priority rule that set the priority, or nil for the policy default.
    public var priorityRule: String?

    /// Creates a trace.
    public init(rules: [RuleEvaluation], winner: String?, why: String, priorityRule: String?) {
        self.rules = rules
        self.winner = winner
        self.why = why
        self.priorityRule = priorityRule
    }

    /// The ids of the rules that fired, in evaluation order.
    public var fired: [String] { rules.filter(\.fired).map(\.rule) }
}
