import TriageEngine

/// The outcome of one scenario (one repeat) in a run.
public struct ScenarioResult: Sendable, Codable, Equatable {
    /// How a scenario ended.
    public enum Status: String, Sendable, Codable {
        /// Every check held.
        case passed
        /// A check did not hold.
        case failed
        /// The pipeline could not produce a decision (e.g. the model calls finally failed).
        case errored
    }

    /// Position of the scenario in the run (suite order, then file order).
    public var ordinal: Int
    /// Suite name.
    public var suite: String
    /// Scenario id.
    public var scenarioID: String
    /// Repeat index, 0-based.
    public var repeatIndex: Int
    /// How it ended.
    public var status: Status
    /// The expected labels.
    public var expected: Expectation
    /// The labels the pipeline gave, keyed like `expect`; nil when errored.
    public var actual: ActualLabels?
    /// Every check, label and reply assertion, in order.
    public var checks: [CheckOutcome]
    /// The full decision (labels per stage, trace, reply); nil when errored.
    public var decision: Decision?
    /// The tier the policy gives the expected labels (`always`, `likely`, `never`), for tier contracts.
    public var expectedTier: EscalationTier?
    /// Wall time of the pipeline for this scenario, in milliseconds.
    public var latencyMs: Double
    /// The error, when errored.
    public var error: String?
    /// The error class (`rate_limited`, `timeout`, …), when errored.
    public var errorClass: String?
    /// The scenario's tags.
    public var tags: [String]
    /// The deciding escalation rule (kept apart from the decision so reports need not decode it).
    public var winner: String?
    /// Why it won.
    public var why: String?
    /// How many reply assertions were checked.
    public var replyTotal: Int
    /// How many of them held.
    public var replyPassed: Int
    /// Every model call the scenario made (classification, reply, judge, embedding), in order.
    public var calls: [CallRecord] = []
    /// The rendered request bodies of those calls, by request hash.
    public var requests: [String: String] = [:]
    /// Model-judged assertions that could not be checked (a rubric without a judge model).
    public var skippedAssertions = 0
    /// The decision's input signals (`prompt_injection`, `input_sanitized`, …); kept apart from the decision
    /// so reports need not decode it.
    public var inputSignals: [String] = []
    /// The conversation's quality (the ticket's messages with the reply as the last agent turn), when the
    /// scenario has `quality:` checks or a `min_health` gate asked for it; nil otherwise.
    public var quality: ConversationQuality?

    /// Whether the ticket was flagged as a suspected prompt injection.
    public var promptInjection: Bool { inputSignals.contains(InputValidator.Signal.injection) }

    /// Whether a label the scenario expects differs from the one given (reply checks aside); an errored
    /// scenario gave none, so it counts as differing.
    public var labelsDiffer: Bool {
        guard let actual else { return true }
        return Expectation.fields.contains { field in
            guard let expected = expected.value(of: field) else { return false }
            return actual.value(of: field) != expected
        }
    }

    /// Tokens sent to the model under test (judge calls excluded).
    public var inputTokens: Int { calls.filter { $0.purpose != ModelAssertionChecker.judgePurpose }.reduce(0) { $0 + $1.inputTokens } }
    /// Tokens received from the model under test (judge calls excluded).
    public var outputTokens: Int { calls.filter { $0.purpose != ModelAssertionChecker.judgePurpose }.reduce(0) { $0 + $1.outputTokens } }
    /// Cost as stored (summary results carry no calls).
    public var storedCostUSD: Double?
    /// Cost of the model under test, US dollars (judge calls excluded).
    public var costUSD: Double { storedCostUSD ?? calls.filter { $0.purpose != ModelAssertionChecker.judgePurpose }.reduce(0) { $0 + $1.costUSD } }
    /// Cost of judge calls, US dollars.
    public var judgeCostUSD: Double { calls.filter { $0.purpose == ModelAssertionChecker.judgePurpose }.reduce(0) { $0 + $1.costUSD } }

    /// Creates a result; the deciding rule and reply counts default to what the decision and checks say.
    public init(ordinal: Int, suite: String, scenarioID: String, repeatIndex: Int, status: Status, expected: Expectation, actual: ActualLabels?,
                checks: [CheckOutcome], decision: Decision?, expectedTier: EscalationTier?, latencyMs: Double, error: String?, errorClass: String?,
                tags: [String], winner: String? = nil, why: String? = nil, replyTotal: Int? = nil, replyPassed: Int? = nil) {
        self.ordinal = ordinal
        self.suite = suite
        self.scenarioID = scenarioID
        self.repeatIndex = repeatIndex
        self.status = status
        self.expected = expected
        self.actual = actual
        self.checks = checks
        self.decision = decision
        self.expectedTier = expectedTier
        self.latencyMs = latencyMs
        self.error = error
        self.errorClass = errorClass
        self.tags = tags
        self.inputSignals = decision?.inputSignals ?? []
        self.winner = winner ?? decision?.trace.winner
        self.why = why ?? decision?.trace.why
        self.replyTotal = replyTotal ?? checks.filter { $0.field == "reply" }.count
        self.replyPassed = replyPassed ?? checks.filter { $0.field == "reply" && $0.passed }.count
    }

    /// Whether every check held.
    public var passed: Bool { status == .passed }

    /// The label checks that did not hold and the failed reply checks.
    public var failedChecks: [CheckOutcome] { checks.filter { !$0.passed } }
}

/// The labels the pipeline gave, keyed like a scenario's `expect`.
public struct ActualLabels: Sendable, Codable, Equatable {
    /// Category.
    public var category: String
    /// Whether escalated.
    public var escalate: Bool
    /// Team, or `none`.
    public var team: String
    /// Priority.
    public var priority: String
    /// Sentiment label.
    public var sentiment: String
    /// Churn signal.
    public var churnRisk: Bool

    /// Creates labels.
    public init(category: String, escalate: Bool, team: String, priority: String, sentiment: String, churnRisk: Bool) {
        self.category = category
        self.escalate = escalate
        self.team = team
        self.priority = priority
        self.sentiment = sentiment
        self.churnRisk = churnRisk
    }

    /// The labels of a decision.
    public init(_ decision: Decision) {
        category = decision.classification.category
        escalate = decision.escalate
        team = decision.team ?? "none"
        priority = decision.priority
        sentiment = decision.classification.sentiment
        churnRisk = decision.classification.churnRisk
    }

    /// A field's value as text.
    public func value(of field: Expectation.Field) -> String? {
        switch field {
        case .category: return category
        case .escalate: return String(escalate)
        case .team: return team
        case .priority: return priority
        case .sentiment: return sentiment
        case .churnRisk: return String(churnRisk)
        }
    }

    enum CodingKeys: String, CodingKey {
        case category, escalate, team, priority, sentiment
        case churnRisk = "churn_risk"
    }
}

/// One check of a scenario: a label or a reply assertion.
public struct CheckOutcome: Sendable, Codable, Equatable {
    /// The field (`category`, …) or `reply`.
    public var field: String
    /// What was expected (for reply checks, the assertion).
    public var expected: String
    /// What was found.
    public var actual: String
    /// Whether it held.
    public var passed: Bool

    /// Creates a check outcome.
    public init(field: String, expected: String, actual: String, passed: Bool) {
        self.field = field
        self.expected = expected
        self.actual = actual
        self.passed = passed
    }

    /// Creates the outcome of a label check.
    public init(field: Expectation.Field, expected: String, actual: String, passed: Bool) {
        self.init(field: field.rawValue, expected: expected, actual: actual, passed: passed)
    }
}
