import Foundation
import GRDB
import TriageEngine

/// The columns a summary result reads, in select order: a case's raw value is its position in the row.
/// Reading by position keeps million-result reports fast (by-name lookups dominated them), and naming each
/// position here keeps the select list and the reads from drifting apart.
enum ResultSummaryColumn: Int, CaseIterable {
    case ordinal, suite, scenarioID, repeatIndex, status
    case expectedCategory, expectedEscalate, expectedTeam, expectedPriority, expectedSentiment, expectedChurnRisk
    case actualCategory, actualEscalate, actualTeam, actualPriority, actualSentiment, actualChurnRisk
    case replyTotal, replyPassed, replyChecksJSON, expectedTier, winner, why, latencyMs, error, errorClass, costUSD, inputSignals
    case qualityJSON

    /// The stored column.
    var key: ResultRecord.CodingKeys {
        switch self {
        case .ordinal: .ordinal
        case .suite: .suite
        case .scenarioID: .scenarioID
        case .repeatIndex: .repeatIndex
        case .status: .status
        case .expectedCategory: .expectedCategory
        case .expectedEscalate: .expectedEscalate
        case .expectedTeam: .expectedTeam
        case .expectedPriority: .expectedPriority
        case .expectedSentiment: .expectedSentiment
        case .expectedChurnRisk: .expectedChurnRisk
        case .actualCategory: .actualCategory
        case .actualEscalate: .actualEscalate
        case .actualTeam: .actualTeam
        case .actualPriority: .actualPriority
        case .actualSentiment: .actualSentiment
        case .actualChurnRisk: .actualChurnRisk
        case .replyTotal: .replyTotal
        case .replyPassed: .replyPassed
        case .replyChecksJSON: .replyChecksJSON
        case .expectedTier: .expectedTier
        case .winner: .winner
        case .why: .why
        case .latencyMs: .latencyMs
        case .error: .error
        case .errorClass: .errorClass
        case .costUSD: .costUSD
        case .inputSignals: .inputSignals
        case .qualityJSON: .qualityJSON
        }
    }

    /// The select list, in position order.
    static var selection: [any SQLSelectable] { allCases.map { Column($0.key) } }

    /// A summary result from a row selected with ``selection``: the failed checks only (reports and comparisons
    /// show nothing else, and a passed result then builds no checks at all), no decision, no tags.
    static func result(from row: Row) throws -> ScenarioResult {
        let expected = Expectation(category: row[.expectedCategory], escalate: row[.expectedEscalate], team: row[.expectedTeam],
                                   priority: row[.expectedPriority], sentiment: row[.expectedSentiment], churnRisk: row[.expectedChurnRisk])
        var actual: ActualLabels?
        if let category: String = row[.actualCategory] {
            actual = ActualLabels(category: category, escalate: row[.actualEscalate] ?? false, team: row[.actualTeam] ?? "",
                                  priority: row[.actualPriority] ?? "", sentiment: row[.actualSentiment] ?? "",
                                  churnRisk: row[.actualChurnRisk] ?? false)
        }
        var checks: [CheckOutcome] = []
        let status = ScenarioResult.Status(rawValue: row[.status]) ?? .errored
        let replyTotal: Int = row[.replyTotal]
        let replyPassed: Int = row[.replyPassed]
        if status == .failed {
            if let actual {
                for field in Expectation.fields {
                    guard let value = expected.value(of: field), let found = actual.value(of: field), value != found else { continue }
                    checks.append(CheckOutcome(field: field, expected: value, actual: found, passed: false))
                }
            }
            if replyPassed < replyTotal, let text: String = row[.replyChecksJSON] {
                checks += try ResultRecord.decoder.decode([CheckOutcome].self, from: Data(text.utf8)).filter { !$0.passed }
            }
        }
        // Only scored conversations carry quality (NULL elsewhere), so most rows decode nothing here.
        let qualityText: String? = row[.qualityJSON]
        let quality = try qualityText.map { try ResultRecord.decoder.decode(ResultQuality.self, from: Data($0.utf8)) }
        if status == .failed, let quality { checks += quality.checks.filter { !$0.passed } }
        let tier: String? = row[.expectedTier]
        var result = ScenarioResult(ordinal: row[.ordinal], suite: row[.suite], scenarioID: row[.scenarioID], repeatIndex: row[.repeatIndex],
                                    status: status, expected: expected, actual: actual, checks: checks, decision: nil,
                                    expectedTier: tier.flatMap(EscalationTier.init(rawValue:)), latencyMs: row[.latencyMs],
                                    error: row[.error], errorClass: row[.errorClass], tags: [], winner: row[.winner], why: row[.why],
                                    replyTotal: replyTotal, replyPassed: replyPassed)
        result.storedCostUSD = row[.costUSD]
        result.inputSignals = ResultRecord.signals(row[.inputSignals])
        result.quality = quality?.conversation
        return result
    }
}

extension Row {
    /// The value of a summary column (an optional for nullable ones), read by its position.
    subscript<Value: DatabaseValueConvertible>(_ column: ResultSummaryColumn) -> Value {
        self[column.rawValue]
    }

    /// The same for values SQLite hands over without a `DatabaseValue` (strings, numbers, booleans and their
    /// optionals): GRDB's fast path, which a million-result report needs (without it the report took 45% more CPU).
    @inline(__always)
    subscript<Value: DatabaseValueConvertible & StatementColumnConvertible>(_ column: ResultSummaryColumn) -> Value {
        self[column.rawValue]
    }
}
