/// Expected labels of a scenario; every field is optional and only the fields given are checked.
public struct Expectation: Sendable, Equatable, Codable {
    /// A label a scenario may expect, named as in scenario files and JSON reports.
    public enum Field: String, CaseIterable, Sendable, Codable, CodingKeyRepresentable, CustomStringConvertible {
        /// The category.
        case category
        /// Whether the ticket is escalated.
        case escalate
        /// The team it goes to (`none` for nobody).
        case team
        /// The priority.
        case priority
        /// The sentiment label.
        case sentiment
        /// The churn signal.
        case churnRisk = "churn_risk"

        /// The name as written in files and reports (`churn_risk`).
        public var description: String { rawValue }
    }

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

    /// The fields in report order.
    public static let fields = Field.allCases

    /// The expected value of a field as text, or nil when not given.
    public func value(of field: Field) -> String? {
        switch field {
        case .category: return category
        case .escalate: return escalate.map(String.init)
        case .team: return team
        case .priority: return priority
        case .sentiment: return sentiment
        case .churnRisk: return churnRisk.map(String.init)
        }
    }

    enum CodingKeys: String, CodingKey {
        case category, escalate, team, priority, sentiment
        case churnRisk = "churn_risk"
    }
}
