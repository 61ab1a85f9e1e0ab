/// A complete triage policy: taxonomy, escalation and priority rules, and the built-in classifier's lexicon.
///
/// Loaded from a `rules/` directory by ``PolicyLoader``; nothing in it is spelled in Swift.
public struct Policy: Sendable, Equatable {
    /// The names the policy knows.
    public var taxonomy: Taxonomy
    /// Escalation rules in evaluation order.
    public var rules: [EscalationRule]
    /// Rule ids in precedence order: when several fire, the first listed here wins.
    public var precedence: [String]
    /// Priority rules; the first that applies sets the priority.
    public var priorityRules: [PriorityRule]
    /// The built-in classifier's lexicon.
    public var lexicon: Lexicon
    /// The files the policy was loaded from, with their SHA-256, in load order.
    public var sources: [SourceFile]

    /// Whether any rule condition reads the customer's text (so rule evaluation needs it analyzed).
    public var usesTextConditions: Bool {
        func reads(_ condition: Condition) -> Bool {
            switch condition {
            case let .all(items), let .any(items): return items.contains(where: reads)
            case let .not(inner): return reads(inner)
            case .textMatches, .textPattern: return true
            default: return false
            }
        }
        return rules.contains { reads($0.when) || ($0.unless.map(reads) ?? false) } || priorityRules.contains { reads($0.when) }
    }

    /// The rank of a rule in the precedence list (lower wins); rules not listed rank after all listed ones.
    public func precedenceRank(of rule: String) -> Int {
        precedence.firstIndex(of: rule) ?? precedence.count
    }
}

/// A file that went into a run, identified by content.
public struct SourceFile: Sendable, Equatable, Codable, Hashable {
    /// What the file is: `rules`, `prompt`, `suite` or `models`.
    public var kind: String
    /// The path as given.
    public var path: String
    /// SHA-256 of its bytes, lowercase hex.
    public var sha256: String

    /// Creates a record of a source file.
    public init(kind: String, path: String, sha256: String) {
        self.kind = kind
        self.path = path
        self.sha256 = sha256
    }
}
