/// Applies a policy's escalation and priority rules to a classification, recording a full trace.
///
/// Escalation is always decided here, by the YAML rules on top of the labels, never by a model alone.
public struct EscalationEngine: Sendable {
    /// The outcome of the rules.
    public struct Outcome: Sendable, Equatable {
        /// Whether a human is brought in.
        public var escalate: Bool
        /// The team, when escalated.
        public var team: String?
        /// The tier of the deciding rule.
        public var tier: EscalationTier
        /// The priority name.
        public var priority: String
        /// The plan's first-response SLA in hours, when escalated.
        public var slaHours: Double?
        /// The trace.
        public var trace: DecisionTrace
    }

    /// The policy.
    public let policy: Policy
    private let evaluator: ConditionEvaluator
    /// Per rule: trace texts (a rule that did not fire records no text; its condition is in the rules file,
    /// whose hash every run stores) and precedence rank, computed once.
    private let prepared: [(fired: String, missed: String, excepted: String?, rank: Int)]

    /// Creates an engine for a policy.
    public init(policy: Policy) {
        self.policy = policy
        evaluator = ConditionEvaluator(lexicon: policy.lexicon)
        prepared = policy.rules.map { rule in
            ("when \(rule.when)", "", rule.unless.map { "when held, but exception \($0) held" }, policy.precedenceRank(of: rule.id))
        }
    }

    /// Evaluates every rule against the context.
    public func decide(_ context: RuleContext) -> Outcome {
        var evaluations: [DecisionTrace.RuleEvaluation] = []
        evaluations.reserveCapacity(policy.rules.count)
        var fired: [(rule: EscalationRule, rank: Int)] = []
        for (index, rule) in policy.rules.enumerated() {
            let texts = prepared[index]
            let matched = evaluator.holds(rule.when, context)
            var detail = matched ? texts.fired : texts.missed
            var fires = matched
            if matched, let unless = rule.unless, evaluator.holds(unless, context) {
                fires = false
                detail = texts.excepted ?? detail
            }
            evaluations.append(.init(rule: rule.id, tier: rule.tier, fired: fires, detail: detail))
            if fires { fired.append((rule, texts.rank)) }
        }

        let escalating = Self.escalating(fired)
        let winner: EscalationRule?
        let why: String
        if let first = escalating.first {
            winner = first
            if escalating.count == 1 {
                why = "\(first.id) (\(first.tier.rawValue)) was the only escalation rule that fired"
            } else {
                why = "\(first.id) (\(first.tier.rawValue)) ranks first in precedence among fired: " + escalating.map(\.id).joined(separator: ", ")
            }
        } else if let never = fired.first(where: { $0.rule.tier == .never })?.rule {
            winner = never
            why = "no always or likely rule fired; \(never.id) (never) matched"
        } else {
            winner = nil
            why = "no rule fired; handled without a human by default"
        }

        let escalate = winner.map { $0.tier != .never } ?? false
        let firedIDs = Set(fired.map(\.rule.id))
        let priorityRule = policy.priorityRules.first { evaluator.holds($0.when, context, fired: firedIDs) }
        let sla = escalate ? policy.taxonomy.plan(named: context.ticket.plan)?.firstResponseHours : nil
        return Outcome(escalate: escalate, team: escalate ? winner?.team : nil, tier: winner?.tier ?? .never,
                       priority: priorityRule?.priority ?? policy.taxonomy.defaultPriority, slaHours: sla,
                       trace: DecisionTrace(rules: evaluations, winner: winner?.id, why: why, priorityRule: priorityRule?.id))
    }

    /// The tier ``decide(_:)`` escalates the context with, or nil when it does not escalate: the same rules
    /// fire and win, without the trace, the explanation or the priority (for expected tiers, per scenario).
    public func escalationTier(_ context: RuleContext) -> EscalationTier? {
        var fired: [(rule: EscalationRule, rank: Int)] = []
        for (index, rule) in policy.rules.enumerated() where rule.tier != .never && evaluator.holds(rule.when, context) {
            if let unless = rule.unless, evaluator.holds(unless, context) { continue }
            fired.append((rule, prepared[index].rank))
        }
        return Self.escalating(fired).first?.tier
    }

    /// The fired rules that escalate (tier other than never), first in precedence first; equal ranks keep
    /// the rules' order.
    static func escalating(_ fired: [(rule: EscalationRule, rank: Int)]) -> [EscalationRule] {
        fired.filter { $0.rule.tier != .never }.sorted { $0.rank < $1.rank }.map(\.rule)
    }
}
