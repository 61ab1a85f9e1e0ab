import Foundation
import TriageEngine

/// A paired comparison of two stored runs on the scenarios they share: per field and for the whole
/// verdict, both accuracies with Wilson intervals, the difference with a seeded paired bootstrap interval
/// (resampling scenarios, not repeats), McNemar's exact test on the discordant scenarios, per-category
/// deltas, the flipped scenarios side by side, latency/tokens/cost deltas, and a verdict in words.
public struct Comparison: Sendable, Codable, Equatable {
    /// The JSON format's version.
    public static let formatVersion = 1

    /// One field compared (`verdict` is the whole scenario).
    public struct FieldComparison: Sendable, Codable, Equatable {
        /// Field name, or `verdict`.
        public var field: String
        /// Scenarios compared on this field.
        public var scenarios: Int
        /// Accuracy of A over its trials, and its Wilson interval.
        public var accuracyA: Double
        /// Wilson interval of A.
        public var intervalA: ProportionInterval
        /// Accuracy of B.
        public var accuracyB: Double
        /// Wilson interval of B.
        public var intervalB: ProportionInterval
        /// B − A with a paired bootstrap 95% interval.
        public var difference: BootstrapInterval
        /// McNemar's exact test: `b` = A right and B wrong (regressions), `c` = A wrong and B right.
        public var mcnemar: McNemarResult

        enum CodingKeys: String, CodingKey {
            case field, scenarios, accuracyA = "accuracy_a", intervalA = "interval_a", accuracyB = "accuracy_b", intervalB = "interval_b", difference, mcnemar
        }
    }

    /// A category's recall and F1 on both sides.
    public struct CategoryDelta: Sendable, Codable, Equatable {
        /// Category.
        public var label: String
        /// Scenarios expecting it.
        public var support: Int
        /// Recall in A.
        public var recallA: Double
        /// Recall in B.
        public var recallB: Double
        /// F1 in A.
        public var f1A: Double
        /// F1 in B.
        public var f1B: Double

        enum CodingKeys: String, CodingKey {
            case label, support, recallA = "recall_a", recallB = "recall_b", f1A = "f1_a", f1B = "f1_b"
        }
    }

    /// One side of a flipped scenario.
    public struct Side: Sendable, Codable, Equatable {
        /// Pass rate over repeats.
        public var passRate: Double
        /// Labels (first repeat).
        public var actual: ActualLabels?
        /// Failed checks (first repeat).
        public var failedChecks: [CheckOutcome]
        /// Deciding rule (first repeat).
        public var decidingRule: String?
        /// Error, when errored.
        public var error: String?

        enum CodingKeys: String, CodingKey {
            case passRate = "pass_rate", actual, failedChecks = "failed_checks", decidingRule = "deciding_rule", error
        }
    }

    /// A scenario whose verdict differs between the runs.
    public struct Flip: Sendable, Codable, Equatable {
        /// Scenario id.
        public var id: String
        /// Suite.
        public var suite: String
        /// `pass→fail` (a regression) or `fail→pass`.
        public var direction: String
        /// Expected labels (B's).
        public var expected: Expectation
        /// A's outcome.
        public var a: Side
        /// B's outcome.
        public var b: Side
    }

    /// Cost and speed of one side.
    public struct Usage: Sendable, Codable, Equatable {
        /// Scenario latency p50, ms.
        public var p50: Double
        /// Scenario latency p95, ms.
        public var p95: Double
        /// Tokens sent and received by the model under test.
        public var tokens: Int
        /// Cost of the model under test, USD.
        public var costUSD: Double
        /// Verdict accuracy per dollar, nil when nothing was spent.
        public var accuracyPerDollar: Double?

        enum CodingKeys: String, CodingKey {
            case p50, p95, tokens, costUSD = "cost_usd", accuracyPerDollar = "accuracy_per_dollar"
        }
    }

    /// The verdict.
    public struct Verdict: Sendable, Codable, Equatable {
        /// `better`, `worse` or `no_significant_difference` (B relative to A).
        public var outcome: String
        /// The significance level used.
        public var alpha: Double
        /// McNemar's p-value on the whole-scenario verdict.
        public var pValue: Double
        /// Discordant scenarios.
        public var discordant: Int
        /// A sentence a reviewer can paste.
        public var text: String
    }

    /// Format version.
    public var formatVersion: Int
    /// Run A.
    public var runA: RunInfo
    /// Run B.
    public var runB: RunInfo
    /// Label of A (a variant name or `#id`).
    public var nameA: String
    /// Label of B.
    public var nameB: String
    /// Scenarios present in both runs.
    public var sharedScenarios: Int
    /// Scenarios only in A, and only in B.
    public var onlyA: Int
    /// Scenarios only in B.
    public var onlyB: Int
    /// Whole verdict first, then each field.
    public var fields: [FieldComparison]
    /// Per category.
    public var categories: [CategoryDelta]
    /// Flipped scenarios, regressions first.
    public var flips: [Flip]
    /// Side A usage.
    public var usageA: Usage
    /// Side B usage.
    public var usageB: Usage
    /// The verdict.
    public var verdict: Verdict

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version", runA = "run_a", runB = "run_b", nameA = "name_a", nameB = "name_b"
        case sharedScenarios = "shared_scenarios", onlyA = "only_a", onlyB = "only_b", fields, categories, flips
        case usageA = "usage_a", usageB = "usage_b", verdict
    }
}
