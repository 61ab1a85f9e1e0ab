import Foundation
import TriageEngine

/// How a suite's results moved: the latest run against its approved baseline and against its history.
public struct DriftReport: Sendable, Codable, Equatable {
    /// The JSON format's version.
    public static let formatVersion = 2

    /// One run in the history.
    public struct TrendPoint: Sendable, Codable, Equatable {
        /// Run id.
        public var run: Int64
        /// Start time.
        public var startedAt: Date
        /// Distinct scenarios of the suite.
        public var scenarios: Int
        /// Verdict accuracy on the suite: the mean of per-scenario pass rates.
        public var accuracy: Double
        /// Its Wilson interval over scenarios.
        public var interval: ProportionInterval
        /// p95 scenario latency, ms.
        public var p95LatencyMs: Double
        /// Cost of the model under test on the suite, USD.
        public var costUSD: Double
        /// What changed since the previous run in the history (`rules`, `prompts`, `suite`, `model`).
        public var changed: [String]

        enum CodingKeys: String, CodingKey {
            case run, startedAt = "started_at", scenarios, accuracy, interval, p95LatencyMs = "p95_latency_ms", costUSD = "cost_usd", changed
        }
    }

    /// The shift of one field's predicted labels.
    public struct FieldShift: Sendable, Codable, Equatable {
        /// Field.
        public var field: String
        /// Population stability index on counts smoothed by +0.5 per label (``Divergence/populationStabilityIndex(expected:actual:pseudocount:)``).
        public var psi: Double
        /// Jensen–Shannon divergence in bits (0…1): scipy `jensenshannon(p, q, base=2) ** 2`, the divergence, not the distance.
        public var js: Double
        /// Label counts in the baseline.
        public var baseline: [String: Int]
        /// Label counts in the latest run.
        public var latest: [String: Int]
    }

    /// What explains a difference between two runs.
    public struct Attribution: Sendable, Codable, Equatable {
        /// Which inputs changed (`rules`, `prompts`, `suite`, `model`).
        public var changed: [String]
        /// Shared scenarios whose predicted labels differ.
        public var outputsDiffer: Int
        /// The explanation.
        public var text: String

        enum CodingKeys: String, CodingKey { case changed, outputsDiffer = "outputs_differ", text }
    }

    /// A scenario's stability over repeats.
    public struct Stability: Sendable, Codable, Equatable {
        /// Scenario id.
        public var id: String
        /// Trials (repeats).
        public var trials: Int
        /// Passes.
        public var passes: Int
        /// passes / trials.
        public var passRate: Double
        /// pass^k for k = 1…trials (index k − 1): the estimated chance that k independent tries all pass, C(passes, k) / C(trials, k).
        public var passK: [Double]
        /// Stable (always passes), flaky (sometimes) or broken (never).
        public var label: StabilityLabel

        enum CodingKeys: String, CodingKey { case id, trials, passes, passRate = "pass_rate", passK = "pass_k", label }
    }

    /// The latest run's repeats summarised over scenarios (τ-bench's pass^k), when it has repeats.
    public struct RepeatSummary: Sendable, Codable, Equatable {
        /// Most repeats of any scenario.
        public var repeats: Int
        /// Scenarios.
        public var scenarios: Int
        /// Mean of the per-scenario pass rates.
        public var meanPassRate: Double
        /// Its Wilson interval over scenarios.
        public var meanPassRateInterval: ProportionInterval
        /// pass^k for k = 1…repeats (index k − 1): the mean over scenarios of C(passes, k) / C(trials, k) (Yao et al. 2024, τ-bench).
        public var passHatK: [Double]
        /// Scenarios that passed in some repeats and failed in others.
        public var flaky: Int
        /// flaky / scenarios.
        public var flakyShare: Double
        /// Wilson interval of the flaky share over scenarios.
        public var flakyInterval: ProportionInterval

        enum CodingKeys: String, CodingKey {
            case repeats, scenarios, meanPassRate = "mean_pass_rate", meanPassRateInterval = "mean_pass_rate_interval", passHatK = "pass_hat_k"
            case flaky, flakyShare = "flaky_share", flakyInterval = "flaky_interval"
        }
    }

    /// Format version.
    public var formatVersion: Int
    /// The suite.
    public var suite: String
    /// The approved baseline, if any.
    public var baseline: RunInfo?
    /// The latest completed run of the suite.
    public var latest: RunInfo
    /// The history, oldest first (latest last).
    public var trend: [TrendPoint]
    /// The latest run against the baseline (or, without one, against the previous run).
    public var comparison: Comparison?
    /// Shift of predicted labels per field, baseline (or previous run) to latest.
    public var shift: [FieldShift]
    /// What changed between the two.
    public var attribution: Attribution?
    /// Scenario stability in the latest run (needs `--repeat`).
    public var stability: [Stability]
    /// Repeats summarised over scenarios; nil without repeats.
    public var repeats: RepeatSummary?
    /// Figures resting on too few observations to mean much, in words.
    public var warnings: [String]

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version", suite, baseline, latest, trend, comparison, shift, attribution, stability, repeats, warnings
    }
}
