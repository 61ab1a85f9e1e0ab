import Foundation
import TriageEngine

/// How a suite's results moved: the latest run against its approved baseline and against its history.
public struct DriftReport: Sendable, Codable, Equatable {
    /// The JSON format's version.
    public static let formatVersion = 1

    /// One run in the history.
    public struct TrendPoint: Sendable, Codable, Equatable {
        /// Run id.
        public var run: Int64
        /// Start time.
        public var startedAt: Date
        /// Scenario runs of the suite.
        public var scenarios: Int
        /// Verdict accuracy on the suite.
        public var accuracy: Double
        /// Its Wilson interval.
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
        /// Population stability index (empty bins replaced by 1e-4).
        public var psi: Double
        /// Jensen–Shannon divergence, base 2 (0…1).
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
        /// pass^k for k = trials: the estimated chance that k independent tries all pass.
        public var passK: Double
        /// `stable` (always passes), `flaky` (sometimes) or `broken` (never).
        public var label: String

        enum CodingKeys: String, CodingKey { case id, trials, passes, passRate = "pass_rate", passK = "pass_k", label }
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

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version", suite, baseline, latest, trend, comparison, shift, attribution, stability
    }
}
