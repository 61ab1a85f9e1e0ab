import Foundation
import TriageEngine

/// Everything a run's report shows, computed from stored results alone. Its JSON encoding is the
/// documented public format (see README, "JSON report format"); bump ``formatVersion`` on breaking changes.
public struct RunReport: Sendable, Codable, Equatable {
    /// The JSON format's version.
    public static let formatVersion = 2

    /// Accuracy of one field.
    public struct FieldAccuracy: Sendable, Codable, Equatable {
        /// Field name.
        public var field: String
        /// Checks that held (over all repeats).
        public var correct: Int
        /// Checks made (over all repeats).
        public var total: Int
        /// Scenarios with this check: the unit of the accuracy and its interval.
        public var scenarios: Int
        /// Mean of the per-scenario shares of checks that held (correct / total without repeats).
        public var accuracy: Double
        /// 95% Wilson interval over scenarios (``Wilson/scenarioInterval(passRates:confidence:)``).
        public var interval: ProportionInterval
    }

    /// The confusion matrix of categories: rows expected, columns actual.
    public struct Confusion: Sendable, Codable, Equatable {
        /// Row labels (expected).
        public var labels: [String]
        /// Column labels (actual): the row labels plus `other` for labels outside them.
        public var columns: [String]
        /// Counts.
        public var matrix: [[Int]]
    }

    /// The tier contracts.
    public struct Tiers: Sendable, Codable, Equatable {
        /// Scenarios an ALWAYS rule should escalate.
        public var alwaysTotal: Int
        /// Of those, escalated.
        public var alwaysEscalated: Int
        /// alwaysEscalated / alwaysTotal (1 when there are none).
        public var alwaysRecall: Double
        /// Scenarios a LIKELY rule should escalate.
        public var likelyTotal: Int
        /// Of those, escalated.
        public var likelyEscalated: Int
        /// likelyEscalated / likelyTotal.
        public var likelyRate: Double
        /// Scenarios that should not be escalated.
        public var neverTotal: Int
        /// Of those, escalated (false escalations).
        public var falseEscalations: Int
        /// The ids of the false escalations.
        public var falseEscalationIDs: [String]
        /// The ids of missed ALWAYS escalations.
        public var missedAlwaysIDs: [String]

        enum CodingKeys: String, CodingKey {
            case alwaysTotal = "always_total", alwaysEscalated = "always_escalated", alwaysRecall = "always_recall"
            case likelyTotal = "likely_total", likelyEscalated = "likely_escalated", likelyRate = "likely_rate"
            case neverTotal = "never_total", falseEscalations = "false_escalations", falseEscalationIDs = "false_escalation_ids"
            case missedAlwaysIDs = "missed_always_ids"
        }
    }

    /// One suite's summary.
    public struct SuiteSummary: Sendable, Codable, Equatable {
        /// Suite name.
        public var name: String
        /// Scenario runs.
        public var scenarios: Int
        /// Passed.
        public var passed: Int
        /// Errored.
        public var errored: Int
        /// passed / scenarios.
        public var accuracy: Double
    }

    /// One scenario's line in the report.
    public struct Result: Sendable, Codable, Equatable {
        /// Scenario id.
        public var id: String
        /// Suite.
        public var suite: String
        /// Repeat index.
        public var `repeat`: Int
        /// Whether every check held.
        public var passed: Bool
        /// `passed`, `failed` or `errored`.
        public var status: String
        /// Expected labels, keyed like `expect`.
        public var expected: Expectation
        /// Actual labels, keyed like `expect`; nil when errored.
        public var actual: ActualLabels?
        /// The checks that failed.
        public var failedChecks: [CheckOutcome]
        /// The deciding escalation rule.
        public var decidingRule: String?
        /// Why it won.
        public var why: String?
        /// Latency in milliseconds.
        public var latencyMs: Double
        /// The error, when errored.
        public var error: String?
        /// The error's class (`timeout`, `replay_miss`, …), when errored.
        public var errorClass: String? = nil
        /// Whether the ticket was flagged as a suspected prompt injection.
        public var promptInjection: Bool = false
        /// The conversation's health score, 0–100, when it was scored.
        public var health: Int? = nil

        enum CodingKeys: String, CodingKey {
            case id, suite, `repeat`, passed, status, expected, actual, error, errorClass = "error_class"
            case failedChecks = "failed_checks", decidingRule = "deciding_rule", why, latencyMs = "latency_ms"
            case promptInjection = "prompt_injection"
            case health
        }
    }

    /// Scenarios flagged as a suspected prompt injection, and those of them whose labels differ from the
    /// expected ones (what the `max_injection_changes` gate counts).
    public struct Injection: Sendable, Codable, Equatable {
        /// Scenario runs flagged.
        public var flagged: Int
        /// Of those, the ones whose labels differ from the expected ones (errored ones included).
        public var changed: Int
        /// `suite/id` of every flagged scenario run, in run order (`#repeat` after the first repeat).
        public var flaggedIDs: [String]
        /// `suite/id` of the flagged runs whose labels differ.
        public var changedIDs: [String]

        enum CodingKeys: String, CodingKey {
            case flagged, changed, flaggedIDs = "flagged_ids", changedIDs = "changed_ids"
        }
    }

    /// Format version.
    public var formatVersion: Int
    /// The run.
    public var run: RunInfo
    /// Scenario runs (scenarios × repeats).
    public var scenarioCount: Int
    /// Distinct scenarios, the unit of accuracy and its interval.
    public var scenarios: Int
    /// Most repeats of any scenario (1 without `--repeat`).
    public var repeats: Int
    /// Passed.
    public var passed: Int
    /// Failed (a check did not hold).
    public var failed: Int
    /// Errored (no decision).
    public var errored: Int
    /// Mean of the per-scenario pass rates (passed / scenarioCount without repeats).
    public var accuracy: Double
    /// 95% Wilson interval of the accuracy over scenarios (repeats do not narrow it).
    public var accuracyInterval: ProportionInterval
    /// Accuracy per field, in field order (`reply` last).
    public var fields: [FieldAccuracy]
    /// Precision, recall and F1 per category.
    public var categories: [ClassMetrics]
    /// Macro-averaged F1 over categories expected or predicted at least once (``ClassificationMetrics/macroF1(_:)``); nil when none.
    public var macroF1: Double?
    /// The category confusion matrix.
    public var confusion: Confusion
    /// Tier contracts.
    public var tiers: Tiers
    /// Per suite.
    public var suites: [SuiteSummary]
    /// Escalation rate over the run, per suite and per team.
    public var escalation: EscalationRates
    /// Scenario latency percentiles in milliseconds.
    public var latency: LatencySummary
    /// Model calls: latency, tokens, cost, errors by class; nil for the built-in engine.
    public var usage: ModelUsage?
    /// Errored scenarios by error class.
    public var erroredByClass: [String: Int]
    /// Gate outcomes.
    public var gates: [GateResult]
    /// Figures resting on too few observations to mean much, in words.
    public var warnings: [String]
    /// Every scenario run, in order.
    public var results: [Result]
    /// Prompt-injection flags.
    public var injection = Injection(flagged: 0, changed: 0, flaggedIDs: [], changedIDs: [])
    /// The scenario selection the run ran (`null` in JSON when it ran every scenario without one).
    public var selection: RunSelection? = nil
    /// Conversation quality; nil when no conversation was scored.
    public var quality: RunQuality?

    /// Whether the run's selection left scenarios out.
    public var isPartial: Bool { selection?.isPartial ?? false }

    /// The line every format shows for a selected run: `partial: 12 of 103 scenarios (--filter 'refund-*')`; nil without a selection.
    public var selectionLine: String? { selection?.summary }

    /// How the gates heading says a partial run's gates apply to its selection only; empty for a full run.
    public var gatesScope: String {
        guard let selection, selection.isPartial else { return "" }
        return " (on the \(selection.selected) selected of \(selection.total) scenarios: partial run)"
    }
    /// Whether every gate passed.
    public var gatesPassed: Bool { gates.allSatisfy(\.passed) }

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version", run, scenarioCount = "scenario_count", scenarios = "scenarios", repeats, passed, failed, errored, accuracy
        case accuracyInterval = "accuracy_interval", fields, categories, macroF1 = "macro_f1", confusion = "confusion_matrix", tiers, suites, escalation
        case latency, usage, erroredByClass = "errored_by_class", gates, warnings, results, injection = "prompt_injection"
        case selection
        case quality
    }

    /// Encodes every key, an undefined macro F1 as `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(formatVersion, forKey: .formatVersion)
        try container.encode(run, forKey: .run)
        try container.encode(scenarioCount, forKey: .scenarioCount)
        try container.encode(scenarios, forKey: .scenarios)
        try container.encode(repeats, forKey: .repeats)
        try container.encode(passed, forKey: .passed)
        try container.encode(failed, forKey: .failed)
        try container.encode(errored, forKey: .errored)
        try container.encode(accuracy, forKey: .accuracy)
        try container.encode(accuracyInterval, forKey: .accuracyInterval)
        try container.encode(fields, forKey: .fields)
        try container.encode(categories, forKey: .categories)
        try container.encode(macroF1, forKey: .macroF1)
        try container.encode(confusion, forKey: .confusion)
        try container.encode(tiers, forKey: .tiers)
        try container.encode(suites, forKey: .suites)
        try container.encode(escalation, forKey: .escalation)
        try container.encode(latency, forKey: .latency)
        try container.encodeIfPresent(usage, forKey: .usage)
        try container.encode(erroredByClass, forKey: .erroredByClass)
        try container.encode(gates, forKey: .gates)
        try container.encode(warnings, forKey: .warnings)
        try container.encode(injection, forKey: .injection)
        try container.encode(selection, forKey: .selection)
        try container.encodeIfPresent(quality, forKey: .quality)
        try container.encode(results, forKey: .results)
    }
}

/// The run's identity in a report.
public struct RunInfo: Sendable, Codable, Equatable {
    /// Run id.
    public var id: Int64
    /// Status.
    public var status: String
    /// Start time.
    public var startedAt: Date
    /// End time.
    public var finishedAt: Date?
    /// Tool version.
    public var toolVersion: String
    /// Git commit.
    public var gitCommit: String?
    /// Engine.
    public var engine: EngineDescription
    /// Source files with hashes.
    public var sources: [SourceFile]

    enum CodingKeys: String, CodingKey {
        case id, status, startedAt = "started_at", finishedAt = "finished_at", toolVersion = "tool_version", gitCommit = "git_commit", engine, sources
    }
}

/// Latency percentiles.
public struct LatencySummary: Sendable, Codable, Equatable {
    /// Median.
    public var p50: Double
    /// 95th percentile.
    public var p95: Double
    /// 99th percentile.
    public var p99: Double
    /// Mean.
    public var mean: Double
}
