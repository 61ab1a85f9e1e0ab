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
    /// show nothing else, and a passed result then builds no checks at all), no decision, no tags. One builder for
    /// both stores (a GRDB row on SQLite, a libpq result's row on PostgreSQL), so their results are the same.
    static func result(from row: some ResultSummaryRow) throws -> ScenarioResult {
        let expected = Expectation(category: row.text(.expectedCategory), escalate: row.flag(.expectedEscalate), team: row.text(.expectedTeam),
                                   priority: row.text(.expectedPriority), sentiment: row.text(.expectedSentiment),
                                   churnRisk: row.flag(.expectedChurnRisk))
        var actual: ActualLabels?
        if let category = row.text(.actualCategory) {
            actual = ActualLabels(category: category, escalate: row.flag(.actualEscalate) ?? false, team: row.text(.actualTeam) ?? "",
                                  priority: row.text(.actualPriority) ?? "", sentiment: row.text(.actualSentiment) ?? "",
                                  churnRisk: row.flag(.actualChurnRisk) ?? false)
        }
        var checks: [CheckOutcome] = []
        let status = ScenarioResult.Status(rawValue: row.text(.status) ?? "") ?? .errored
        let replyTotal = row.integer(.replyTotal) ?? 0
        let replyPassed = row.integer(.replyPassed) ?? 0
        if status == .failed {
            if let actual {
                for field in Expectation.fields {
                    guard let value = expected.value(of: field), let found = actual.value(of: field), value != found else { continue }
                    checks.append(CheckOutcome(field: field, expected: value, actual: found, passed: false))
                }
            }
            if replyPassed < replyTotal, let text = row.text(.replyChecksJSON) {
                checks += try ResultRecord.decoder.decode([CheckOutcome].self, from: Data(text.utf8)).filter { !$0.passed }
            }
        }
        // Only scored conversations carry quality (NULL elsewhere), so most rows decode nothing here.
        let quality = try row.text(.qualityJSON).map { try ResultRecord.decoder.decode(ResultQuality.self, from: Data($0.utf8)) }
        if status == .failed, let quality { checks += quality.checks.filter { !$0.passed } }
        var result = ScenarioResult(ordinal: row.integer(.ordinal) ?? 0, suite: row.text(.suite) ?? "", scenarioID: row.text(.scenarioID) ?? "",
                                    repeatIndex: row.integer(.repeatIndex) ?? 0, status: status, expected: expected, actual: actual,
                                    checks: checks, decision: nil, expectedTier: row.text(.expectedTier).flatMap(EscalationTier.init(rawValue:)),
                                    latencyMs: row.real(.latencyMs) ?? 0, error: row.text(.error), errorClass: row.text(.errorClass), tags: [],
                                    winner: row.text(.winner), why: row.text(.why), replyTotal: replyTotal, replyPassed: replyPassed)
        result.storedCostUSD = row.real(.costUSD) ?? 0
        result.inputSignals = ResultRecord.signals(row.text(.inputSignals))
        result.quality = quality?.conversation
        return result
    }
}
