import Foundation
import TriageEngine
@testable import TriageEval

/// Reports for the JUnit, CSV and HTML renderers: the five synthetic results, hostile text, a comparison
/// with flips and a drift report with a history.
enum ReportFixtures {
    /// Script, markup, quotes, ampersands and control characters, as a ticket or a provider might send them.
    static let script = "<script>alert(1)</script>"
    static let hostileID = "x' onmouseover='y \(script)"
    static let hostileError = "provider said \"no\" & <b>bye</b>\u{1}\u{0}\u{FFFE}\n\(script)"

    /// The synthetic report with gates.
    static var gated: RunReport {
        let gates = RunGates(suites: ["s": GateSet(accuracy: 0.5, fields: [.expectation(.escalate): 0.5])], run: GateSet(alwaysRecall: 1))
        return RunReport.build(run: SyntheticResults.run(gates: gates), results: SyntheticResults.results)
    }

    /// The synthetic results with hostile text in a scenario id, a failed reply check and an error.
    static var hostile: RunReport {
        var results = SyntheticResults.results
        results[1].scenarioID = hostileID
        results[1].checks.append(CheckOutcome(field: "reply", expected: "contains \"refund, today\"", actual: "reply was: \(script)", passed: false))
        results[4].error = hostileError
        return RunReport.build(run: SyntheticResults.run(), results: results)
    }

    /// The comparison of ``ComparisonTests/runs()``: 2 regressions, 9 improvements; one flipped id made hostile.
    static var comparison: Comparison {
        var (a, b) = ComparisonTests.runs()
        a[9].scenarioID = hostileID
        b[9].scenarioID = hostileID
        return Comparison.build(a: .init(run: ComparisonTests.run(1), results: a, name: "old"), b: .init(run: ComparisonTests.run(7), results: b, name: "new"))
    }

    /// A drift report of suite `s` whose history ends with run 7 (the synthetic run).
    static var drift: DriftReport {
        let accuracies = [(1, 0.9, 18, 20), (3, 0.85, 17, 20), (5, 0.55, 11, 20), (7, 0.4, 2, 5)]
        let trend = accuracies.map { run, accuracy, passed, total in
            DriftReport.TrendPoint(run: Int64(run), startedAt: Date(timeIntervalSince1970: 1_700_000_000 + Double(run) * 3600), scenarios: total,
                                   accuracy: accuracy, interval: Wilson.interval(successes: passed, total: total), p95LatencyMs: 48,
                                   costUSD: 0, changed: run == 5 ? ["rules"] : [])
        }
        return DriftReport(formatVersion: DriftReport.formatVersion, suite: "s", baseline: RunInfo(ComparisonTests.run(1)),
                           latest: RunInfo(SyntheticResults.run()), trend: trend, comparison: nil,
                           shift: [DriftReport.FieldShift(field: "category", psi: 0.1234, js: 0.0456, baseline: [:], latest: [:])],
                           attribution: DriftReport.Attribution(changed: ["rules"], outputsDiffer: 3, text: "Changed: rules; outputs differ on 3 scenarios."),
                           stability: [], repeats: nil, warnings: [])
    }
}

/// A minimal RFC 4180 reader for checking the CSV renderer: quoted fields, doubled quotes, CRLF rows.
enum CSVReader {
    static func rows(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(text.unicodeScalars)[...]
        while let scalar = characters.popFirst() {
            if quoted {
                if scalar == "\"" {
                    if characters.first == "\"" { field.unicodeScalars.append("\""); characters.removeFirst() } else { quoted = false }
                } else {
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"": quoted = true
            case ",": row.append(field); field = ""
            case "\r": continue
            case "\n": row.append(field); rows.append(row); row = []; field = ""
            default: field.unicodeScalars.append(scalar)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
