/// Expected labels of a scenario; every field is optional and only the fields given are checked.
public struct Expectation: Sendable, Equatable, Codable {
    /// Expected category.
    public var category: String?
    /// Whether it should be escalated.
    public var escalate: Bool?
    /// Expected team, or `none` for nobody.
    public var team: String?
    /// Expected priority.
    public var priority: String?
    /// Expected sentiment label.
    public var sentiment: String?
    /// Expected churn signal.
    public var churnRisk: Bool?

    /// Creates an expectation.
    public init(category: String? = nil, escalate: Bool? = nil, team: String? = nil, priority: String? = nil,
                sentiment: String? = nil, churnRisk: Bool? = nil) {
        self.category = category
        self.escalate = escalate
        self.team = team
        self.priority = priority
        self.sentiment = sentiment
        self.churnRisk = churnRisk
    }

    /// The field names, in report order, as written in scenario files and JSON reports.
    public static let fields = ["category", "escalate", "team", "priority", "sentiment", "churn_risk"]

    /// The expected value of a field as text, or nil when not given.
    public func value(of field: String) -> String? {
        switch field {
        case "category": return category
        case "escalate": return escalate.map(String.init)
        case "team": return team
        case "priority": return priority
        case "sentiment": return sentiment
        case "churn_risk": return churnRisk.map(String.init)
        default: return nil
        }
    }

    enum CodingKeys: String, CodingKey {
        case category, escalate, team, priority, sentiment
        case churnRisk = "churn_risk"
    }
}
