/// The outcome of one gate.
public struct GateResult: Sendable, Codable, Equatable {
    /// The gate, e.g. `accuracy`, `fields.category`, `always_recall`.
    public var name: String
    /// `run` for command-line gates, else the suite name.
    public var scope: String
    /// Whether the measured value must stay at least (`min`) or at most (`max`) the threshold.
    public var kind: GateKind
    /// The threshold.
    public var threshold: Double
    /// The measured value.
    public var measured: Double
    /// Whether it held.
    public var passed: Bool
    /// The scenarios behind a failure (those that failed the measured quantity), at most 20.
    public var scenarios: [String]

    /// One line: `core: accuracy 0.812 < min 0.900 (scenarios: a, b)`.
    public var summary: String {
        let measuredText = GateResult.format(measured)
        let thresholdText = GateResult.format(threshold)
        let relation = switch kind {
        case .min: passed ? ">=" : "<"
        case .max: passed ? "<=" : ">"
        }
        var line = "\(scope): \(name) \(measuredText) \(relation) \(kind) \(thresholdText)"
        // Scenario ids come from suite files: control characters must not reach the terminal this is printed on.
        if !passed && !scenarios.isEmpty { line += " (scenarios: " + ReportText.terminal(scenarios.joined(separator: ", ")) + ")" }
        return line
    }

    /// Whole numbers as integers, others to three decimals; from 1e15 on (where an `Int` conversion could trap)
    /// as Swift prints them (`1e+30`).
    static func format(_ value: Double) -> String {
        if abs(value) >= 1e15 { return String(value) }
        return value == value.rounded() && abs(value) >= 1 ? String(Int(value)) : String(format: "%.3f", value)
    }
}

import Foundation
