/// Thresholds a run must meet; from a suite's `gates:` block or command-line flags.
public struct GateSet: Sendable, Equatable, Codable {
    /// Least share of scenarios whose every expectation holds.
    public var accuracy: Double?
    /// Least accuracy per field (`category`, `escalate`, …, `reply`).
    public var fields: [ScoredField: Double]
    /// Least recall per expected category.
    public var categoryRecall: [String: Double]
    /// Least share of ALWAYS-tier scenarios that were escalated.
    public var alwaysRecall: Double?
    /// Most NEVER-tier scenarios that may be escalated.
    public var maxFalseEscalations: Int?
    /// Most share of scenarios that may end in an error.
    public var maxErrorRate: Double?
    /// Most share of decided scenarios that may be escalated (the seed systems alerted above 0.25).
    public var maxEscalationRate: Double?
    /// Most p95 scenario latency, milliseconds.
    public var maxP95LatencyMs: Double?
    /// Most cost of the model under test, US dollars.
    public var maxCostUSD: Double?
    /// Fail only on a significant drop against the suite's baseline (McNemar score test at this alpha, Holm-adjusted over suites).
    public var noRegressionAlpha: Double?
    /// Most scenarios flagged as a suspected prompt injection whose labels differ from the expected ones.
    public var maxInjectionChanges: Int?
    /// Least mean health score (0–100) of the scenarios whose conversations have an agent turn besides the reply.
    public var minHealth: Double?

    /// Creates a gate set.
    public init(accuracy: Double? = nil, fields: [ScoredField: Double] = [:], categoryRecall: [String: Double] = [:], alwaysRecall: Double? = nil,
                maxFalseEscalations: Int? = nil, maxErrorRate: Double? = nil, maxInjectionChanges: Int? = nil) {
        self.accuracy = accuracy
        self.fields = fields
        self.categoryRecall = categoryRecall
        self.alwaysRecall = alwaysRecall
        self.maxFalseEscalations = maxFalseEscalations
        self.maxErrorRate = maxErrorRate
        self.maxInjectionChanges = maxInjectionChanges
    }

    /// Whether no gate is set.
    public var isEmpty: Bool {
        accuracy == nil && fields.isEmpty && categoryRecall.isEmpty && alwaysRecall == nil && maxFalseEscalations == nil && maxErrorRate == nil
            && maxEscalationRate == nil && maxP95LatencyMs == nil && maxCostUSD == nil && noRegressionAlpha == nil && maxInjectionChanges == nil
            && minHealth == nil
    }

    /// The share of errored scenarios past which `run` exits 3 when `--max-error-rate` is not given: 5%, the
    /// level above which the seed systems alert.
    public static let defaultMaxErrorRate = 0.05

    /// The keys a `gates:` block accepts.
    public static let keys = ["accuracy", "fields", "category_recall", "always_recall", "max_false_escalations", "max_error_rate",
                              "max_escalation_rate", "max_p95_latency_ms", "max_cost_usd", "no_regression", "max_injection_changes",
                              "min_health"]

    enum CodingKeys: String, CodingKey {
        case accuracy, fields
        case categoryRecall = "category_recall"
        case alwaysRecall = "always_recall"
        case maxFalseEscalations = "max_false_escalations"
        case maxErrorRate = "max_error_rate"
        case maxEscalationRate = "max_escalation_rate"
        case maxP95LatencyMs = "max_p95_latency_ms"
        case maxCostUSD = "max_cost_usd"
        case noRegressionAlpha = "no_regression"
        case maxInjectionChanges = "max_injection_changes"
        case minHealth = "min_health"
    }
}
