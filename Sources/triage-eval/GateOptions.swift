import ArgumentParser
import TriageEval

/// The gate flags of `run` and `gate`: thresholds on the whole run (the suites bring their own gates).
struct GateOptions: ParsableArguments {
    @Option(name: .long, help: "Fail (exit 1) when overall accuracy is below this share (0...1).")
    var minAccuracy: Double?

    @Option(name: .long, parsing: .singleValue, help: "Fail when a field's accuracy is below a share, as FIELD=SHARE (repeatable), e.g. escalate=0.95.")
    var minField: [String] = []

    @Option(name: .long, help: "Fail when the recall of ALWAYS escalations is below this share.")
    var minAlwaysRecall: Double?

    @Option(name: .long, help: "Fail when more NEVER scenarios than this are escalated.")
    var maxFalseEscalations: Int?

    @Option(name: .long, help: "Exit 3 when the share of errored scenarios exceeds this (default 0.05; 1 never fails for errors).")
    var maxErrorRate: Double?

    @Option(name: .long, help: "Fail when more scenarios flagged as prompt injection than this have labels that differ from the expected ones.")
    var maxInjectionChanges: Int?

    @Option(name: .long, help: "Fail when the share of decided scenarios that were escalated exceeds this (the seed systems alerted above 0.25).")
    var maxEscalationRate: Double?

    @Option(name: .long, help: "Fail when the mean health score (0-100) of the conversations with earlier agent turns is below this.")
    var minHealth: Double?

    @Option(name: .long, help: "Fail when the p95 scenario latency exceeds this many milliseconds.")
    var maxP95LatencyMs: Double?

    @Option(name: .long, help: "Fail when the model under test costs more than this many US dollars.")
    var maxCost: Double?

    @Option(name: .long, help: "Fail only on a significant drop against each suite's baseline (McNemar score test at this alpha, Holm-adjusted over suites, e.g. 0.05).")
    var noRegression: Double?

    @Option(name: .long, help: "Fail when a category's recall is below a share, as CATEGORY=SHARE (repeatable).")
    var minRecall: [String] = []

    func validate() throws {
        for (name, value) in [("--min-accuracy", minAccuracy), ("--min-always-recall", minAlwaysRecall), ("--max-error-rate", maxErrorRate),
                              ("--max-escalation-rate", maxEscalationRate)] {
            if let value, !(0...1).contains(value) { throw ValidationError("\(name) must be between 0 and 1, got \(value)") }
        }
        _ = try fieldGates
        if let noRegression, !(0.0001...0.5).contains(noRegression) { throw ValidationError("--no-regression takes an alpha between 0.0001 and 0.5, got \(noRegression)") }
        _ = try recallGates
        if let maxFalseEscalations, maxFalseEscalations < 0 { throw ValidationError("--max-false-escalations must be at least 0") }
        if let maxInjectionChanges, maxInjectionChanges < 0 { throw ValidationError("--max-injection-changes must be at least 0") }
        if let minHealth, !(0...100).contains(minHealth) { throw ValidationError("--min-health must be between 0 and 100, got \(minHealth)") }
    }

    /// `--min-field FIELD=SHARE` values.
    var fieldGates: [ScoredField: Double] {
        get throws {
            try shares(minField, flag: "--min-field", key: "FIELD").reduce(into: [:]) { gates, item in
                guard let field = ScoredField(rawValue: item.key) else {
                    throw ValidationError("--min-field: unknown field \"\(item.key)\"; expected one of: \(ScoredField.names.joined(separator: ", "))")
                }
                gates[field] = item.share
            }
        }
    }

    /// `--min-recall CATEGORY=SHARE` values; the categories are checked against the taxonomy once it is loaded.
    var recallGates: [String: Double] {
        get throws { Dictionary(try shares(minRecall, flag: "--min-recall", key: "CATEGORY"), uniquingKeysWith: { _, last in last }) }
    }

    /// Reads `KEY=SHARE` items with a share between 0 and 1.
    func shares(_ items: [String], flag: String, key: String) throws -> [(key: String, share: Double)] {
        try items.map { item in
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let value = Double(parts[1]), (0...1).contains(value) else {
                throw ValidationError("\(flag) expects \(key)=SHARE with a share between 0 and 1, got \"\(item)\"")
            }
            return (parts[0], value)
        }
    }

    /// The gates the flags set.
    var gateSet: GateSet {
        get throws {
            var gates = GateSet(accuracy: minAccuracy, fields: try fieldGates, categoryRecall: try recallGates, alwaysRecall: minAlwaysRecall,
                                maxFalseEscalations: maxFalseEscalations)
            gates.maxP95LatencyMs = maxP95LatencyMs
            gates.maxEscalationRate = maxEscalationRate
            gates.maxCostUSD = maxCost
            gates.noRegressionAlpha = noRegression
            gates.maxInjectionChanges = maxInjectionChanges
            gates.minHealth = minHealth
            return gates
        }
    }
}
