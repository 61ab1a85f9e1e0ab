import Foundation
import TriageEngine

/// A paired comparison of two stored runs on the scenarios they share (scenarios are the unit; repeats are averaged
/// per scenario): per field and for the whole verdict, both accuracies with scenario-level Wilson intervals, the
/// difference with Tango's score interval and McNemar's score test on the discordant scenarios (one inference, so
/// they never disagree), Holm-adjusted p-values for the secondary tests (fields and categories), per-category deltas,
/// tier contracts counted by one definition, the flipped scenarios side by side, latency/tokens/cost deltas, and a
/// verdict in words.
public struct Comparison: Sendable, Codable, Equatable {
    /// The JSON format's version.
    public static let formatVersion = 2

    /// B relative to A, as the verdict states it.
    public enum Outcome: String, Sendable, Codable, Equatable {
        /// B is significantly better.
        case better
        /// B is significantly worse.
        case worse
        /// The primary test does not reject.
        case noSignificantDifference = "no_significant_difference"
    }

    /// Which way a scenario's verdict flipped.
    public enum FlipDirection: String, Sendable, Codable, Equatable {
        /// Passed in A, fails in B: a regression.
        case regression = "pass→fail"
        /// Failed in A, passes in B: an improvement.
        case improvement = "fail→pass"
    }

    /// One field compared (`verdict` is the whole scenario).
    public struct FieldComparison: Sendable, Codable, Equatable {
        /// Field name, or `verdict`.
        public var field: String
        /// Scenarios compared on this field.
        public var scenarios: Int
        /// Accuracy of A: the mean of its per-scenario pass rates.
        public var accuracyA: Double
        /// Wilson interval of A over scenarios (``Wilson/scenarioInterval(passRates:confidence:)``).
        public var intervalA: ProportionInterval
        /// Accuracy of B.
        public var accuracyB: Double
        /// Wilson interval of B over scenarios.
        public var intervalB: ProportionInterval
        /// B − A on scenarios (majority outcome over repeats) with Tango's score interval at 1 − alpha.
        public var difference: PairedDifference
        /// For `verdict` only: the difference of mean pass rates with a percentile cluster-bootstrap interval (resampling
        /// scenarios), rounded to whole points (``PairedBootstrap/rounded(_:)``) so its digits do not depend on the seed;
        /// a cross-check, not the verdict's inference.
        public var bootstrap: BootstrapInterval?
        /// McNemar's score test: `b` = A right and B wrong (regressions), `c` = A wrong and B right.
        public var mcnemar: McNemarResult
        /// Holm-adjusted p over the secondary tests (every field and category); nil for `verdict`, the primary test.
        public var adjustedPValue: Double?

        enum CodingKeys: String, CodingKey {
            case field, scenarios, accuracyA = "accuracy_a", intervalA = "interval_a", accuracyB = "accuracy_b", intervalB = "interval_b", difference
            case bootstrap, mcnemar, adjustedPValue = "p_holm"
        }
    }

    /// A category's recall and F1 on both sides.
    public struct CategoryDelta: Sendable, Codable, Equatable {
        /// Category.
        public var label: String
        /// Shared scenarios expecting it (in B).
        public var support: Double
        /// Recall in A; nil when undefined.
        public var recallA: Double?
        /// Recall in B; nil when undefined.
        public var recallB: Double?
        /// F1 in A; nil when undefined.
        public var f1A: Double?
        /// F1 in B; nil when undefined.
        public var f1B: Double?
        /// Scenarios predicted as it in A (repeats share one scenario's weight).
        public var predictedA: Double
        /// Scenarios predicted as it in B.
        public var predictedB: Double
        /// McNemar's score test on its recall (scenarios expecting it, majority over repeats); nil without support.
        public var mcnemar: McNemarResult?
        /// Holm-adjusted p over the secondary tests; nil without support.
        public var adjustedPValue: Double?

        enum CodingKeys: String, CodingKey {
            case label, support, recallA = "recall_a", recallB = "recall_b", f1A = "f1_a", f1B = "f1_b", predictedA = "predicted_a"
            case predictedB = "predicted_b", mcnemar, adjustedPValue = "p_holm"
        }

        /// Encodes undefined metrics as `null` rather than leaving the key out.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(label, forKey: .label)
            try container.encode(support, forKey: .support)
            try container.encode(recallA, forKey: .recallA)
            try container.encode(recallB, forKey: .recallB)
            try container.encode(f1A, forKey: .f1A)
            try container.encode(f1B, forKey: .f1B)
            try container.encode(predictedA, forKey: .predictedA)
            try container.encode(predictedB, forKey: .predictedB)
            try container.encode(mcnemar, forKey: .mcnemar)
            try container.encode(adjustedPValue, forKey: .adjustedPValue)
        }
    }

    /// The tier contracts of both runs on the shared scenarios, counted by one definition of each scenario's tier.
    public struct TierComparison: Sendable, Codable, Equatable {
        /// Whose tiers are used for both runs: `baseline` (run A's rules).
        public var definition: String
        /// Scenarios A's rules put in the ALWAYS tier.
        public var alwaysTotal: Int
        /// Of those, escalated by A (majority over repeats).
        public var alwaysEscalatedA: Int
        /// Of those, escalated by B.
        public var alwaysEscalatedB: Int
        /// Scenarios A's rules put in the NEVER tier.
        public var neverTotal: Int
        /// Of those, escalated by A (false escalations).
        public var falseEscalationsA: Int
        /// Of those, escalated by B.
        public var falseEscalationsB: Int

        enum CodingKeys: String, CodingKey {
            case definition, alwaysTotal = "always_total", alwaysEscalatedA = "always_escalated_a", alwaysEscalatedB = "always_escalated_b"
            case neverTotal = "never_total", falseEscalationsA = "false_escalations_a", falseEscalationsB = "false_escalations_b"
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
        public var direction: FlipDirection
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
        public var outcome: Outcome
        /// The significance level used.
        public var alpha: Double
        /// McNemar's score-test p-value on the whole-scenario verdict (the primary test, not adjusted).
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
    /// Tier contracts on the shared scenarios, both runs counted by A's tiers; nil when no shared scenario has a tier.
    public var tiers: TierComparison?
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
        case sharedScenarios = "shared_scenarios", onlyA = "only_a", onlyB = "only_b", fields, categories, tiers, flips
        case usageA = "usage_a", usageB = "usage_b", verdict
    }
}
