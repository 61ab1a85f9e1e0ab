/// Thresholds a run must meet; from a suite's `gates:` block or command-line flags.
public struct GateSet: Sendable, Equatable, Codable {
    /// Least share of scenarios whose every expectation holds.
    public var accuracy: Double?
    /// Least accuracy per field (`category`, `escalate`, …, `reply`).
    public var fields: [String: Double]
    /// Least recall per expected category.
    public var categoryRecall: [String: Double]
    /// Least share of ALWAYS-tier scenarios that were escalated.
    public var alwaysRecall: Double?
    /// Most NEVER-tier scenarios that may be escalated.
    public var maxFalseEscalations: Int?
    /// Most share of scenarios that may end in an error.
    public var maxErrorRate: Double?

    /// Creates a gate set.
    public init(accuracy: Double? = nil, fields: [String: Double] = [:], categoryRecall: [String: Double] = [:], alwaysRecall: Double? = nil,
                maxFalseEscalations: Int? = nil, maxErrorRate: Double? = nil) {
        self.accuracy = accuracy
        self.fields = fields
        self.categoryRecall = categoryRecall
        self.alwaysRecall = alwaysRecall
        self.maxFalseEscalations = maxFalseEscalations
        self.maxErrorRate = maxErrorRate
    }

    /// Whether no gate is set.
    public var isEmpty: Bool {
        accuracy == nil && fields.isEmpty && categoryRecall.isEmpty && alwaysRecall == nil && maxFalseEscalations == nil && maxErrorRate == nil
    }

    /// The keys a `gates:` block accepts.
    public static let keys = ["accuracy", "fields", "category_recall", "always_recall", "max_false_escalations", "max_error_rate"]

    enum CodingKeys: String, CodingKey {
        case accuracy, fields
        case categoryRecall = "category_recall"
        case alwaysRecall = "always_recall"
        case maxFalseEscalations = "max_false_escalations"
        case maxErrorRate = "max_error_rate"
    }
}
