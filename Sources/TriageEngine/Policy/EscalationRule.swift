/// An escalation rule: when its condition holds (and its exception does not), the ticket goes to its team.
public struct EscalationRule: Sendable, Equatable {
    /// The rule's id (internal; never shown in replies).
    public var id: String
    /// Its tier.
    public var tier: EscalationTier
    /// The team it routes to; nil for NEVER rules.
    public var team: String?
    /// What it is for.
    public var description: String
    /// When it fires.
    public var when: Condition
    /// When it does not fire even though `when` holds (the declared exception of a LIKELY rule).
    public var unless: Condition?
}

/// A priority rule: the first whose condition holds sets the priority.
public struct PriorityRule: Sendable, Equatable {
    /// The rule's id.
    public var id: String
    /// The priority it sets.
    public var priority: String
    /// When it applies.
    public var when: Condition
}
