import Foundation
import GRDB
import TriageEngine

/// A row of the `result` table: one scenario run. Labels, verdicts and the deciding rule are columns, so
/// reports over millions of results read columns and never decode the JSON kept for audit (the full
/// decision and the reply checks).
struct ResultRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "result"
    /// A result stored again (same run, suite, scenario and repeat) replaces the first.
    static let persistenceConflictPolicy = PersistenceConflictPolicy(insert: .replace, update: .replace)

    var runID: Int64
    var ordinal: Int
    var suite: String
    var scenarioID: String
    var repeatIndex: Int
    /// ``ScenarioResult/Status`` raw value.
    var status: String
    var expectedCategory: String?
    var expectedEscalate: Bool?
    var expectedTeam: String?
    var expectedPriority: String?
    var expectedSentiment: String?
    var expectedChurnRisk: Bool?
    var actualCategory: String?
    var actualEscalate: Bool?
    var actualTeam: String?
    var actualPriority: String?
    var actualSentiment: String?
    var actualChurnRisk: Bool?
    var replyTotal: Int
    var replyPassed: Int
    /// The reply checks as JSON (label checks follow from the label columns); nil when there are none.
    var replyChecksJSON: String?
    /// The full decision as JSON; nil when errored.
    var decisionJSON: String?
    var expectedTier: String?
    var winner: String?
    var why: String?
    var latencyMs: Double
    var error: String?
    var errorClass: String?
    var tagsJSON: String
    var inputTokens: Int
    var outputTokens: Int
    var costUSD: Double
    var judgeCostUSD: Double
    var callCount: Int
    var skippedAssertions: Int
    /// The decision's input signals (prompt-injection flags…) joined with commas; nil when none (v6).
    var inputSignals: String?
    /// The conversation's quality and its `quality:` checks as JSON (``ResultQuality``); nil when not scored (v11).
    var qualityJSON: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case runID = "run_id", ordinal, suite, scenarioID = "scenario_id", repeatIndex = "repeat_index", status
        case expectedCategory = "expected_category", expectedEscalate = "expected_escalate", expectedTeam = "expected_team"
        case expectedPriority = "expected_priority", expectedSentiment = "expected_sentiment", expectedChurnRisk = "expected_churn_risk"
        case actualCategory = "actual_category", actualEscalate = "actual_escalate", actualTeam = "actual_team"
        case actualPriority = "actual_priority", actualSentiment = "actual_sentiment", actualChurnRisk = "actual_churn_risk"
        case replyTotal = "reply_total", replyPassed = "reply_passed", replyChecksJSON = "reply_checks_json", decisionJSON = "decision_json"
        case expectedTier = "expected_tier", winner, why, latencyMs = "latency_ms", error, errorClass = "error_class", tagsJSON = "tags_json"
        case inputTokens = "input_tokens", outputTokens = "output_tokens", costUSD = "cost_usd", judgeCostUSD = "judge_cost_usd"
        case callCount = "call_count", skippedAssertions = "skipped_assertions", inputSignals = "input_signals"
        case qualityJSON = "quality_json"
    }

    /// The columns queries filter and sort on.
    enum Columns {
        static let runID = Column(CodingKeys.runID)
        static let ordinal = Column(CodingKeys.ordinal)
        static let suite = Column(CodingKeys.suite)
        static let scenarioID = Column(CodingKeys.scenarioID)
        static let repeatIndex = Column(CodingKeys.repeatIndex)
    }

    /// The record of a result in a run.
    init(_ result: ScenarioResult, run runID: Int64) {
        self.runID = runID
        ordinal = result.ordinal
        suite = result.suite
        scenarioID = result.scenarioID
        repeatIndex = result.repeatIndex
        status = result.status.rawValue
        let expected = result.expected
        expectedCategory = expected.category
        expectedEscalate = expected.escalate
        expectedTeam = expected.team
        expectedPriority = expected.priority
        expectedSentiment = expected.sentiment
        expectedChurnRisk = expected.churnRisk
        let actual = result.actual
        actualCategory = actual?.category
        actualEscalate = actual?.escalate
        actualTeam = actual?.team
        actualPriority = actual?.priority
        actualSentiment = actual?.sentiment
        actualChurnRisk = actual?.churnRisk
        replyTotal = result.replyTotal
        replyPassed = result.replyPassed
        let replyChecks = result.checks.filter { $0.field == "reply" }
        replyChecksJSON = replyChecks.isEmpty ? nil : Self.json(replyChecks)
        decisionJSON = result.decision?.json
        expectedTier = result.expectedTier?.rawValue
        winner = result.winner
        why = result.why
        latencyMs = result.latencyMs
        error = result.error
        errorClass = result.errorClass
        tagsJSON = Self.json(result.tags)
        inputTokens = result.inputTokens
        outputTokens = result.outputTokens
        costUSD = result.costUSD
        judgeCostUSD = result.judgeCostUSD
        callCount = result.calls.count
        skippedAssertions = result.skippedAssertions
        inputSignals = result.inputSignals.isEmpty ? nil : result.inputSignals.joined(separator: ",")
        qualityJSON = ResultQuality(result)?.json
    }

    /// The value of a column (the one place that maps columns to fields, for both ways of writing a row).
    func value(of column: CodingKeys) -> (any DatabaseValueConvertible)? {
        switch column {
        case .runID: runID
        case .ordinal: ordinal
        case .suite: suite
        case .scenarioID: scenarioID
        case .repeatIndex: repeatIndex
        case .status: status
        case .expectedCategory: expectedCategory
        case .expectedEscalate: expectedEscalate
        case .expectedTeam: expectedTeam
        case .expectedPriority: expectedPriority
        case .expectedSentiment: expectedSentiment
        case .expectedChurnRisk: expectedChurnRisk
        case .actualCategory: actualCategory
        case .actualEscalate: actualEscalate
        case .actualTeam: actualTeam
        case .actualPriority: actualPriority
        case .actualSentiment: actualSentiment
        case .actualChurnRisk: actualChurnRisk
        case .replyTotal: replyTotal
        case .replyPassed: replyPassed
        case .replyChecksJSON: replyChecksJSON
        case .decisionJSON: decisionJSON
        case .expectedTier: expectedTier
        case .winner: winner
        case .why: why
        case .latencyMs: latencyMs
        case .error: error
        case .errorClass: errorClass
        case .tagsJSON: tagsJSON
        case .inputTokens: inputTokens
        case .outputTokens: outputTokens
        case .costUSD: costUSD
        case .judgeCostUSD: judgeCostUSD
        case .callCount: callCount
        case .skippedAssertions: skippedAssertions
        case .inputSignals: inputSignals
        case .qualityJSON: qualityJSON
        }
    }

    /// Writes the columns directly, without going through `Encoder`.
    func encode(to container: inout PersistenceContainer) {
        for column in Self.columns { container[column.rawValue] = value(of: column) }
    }

    /// The insert of every column, in ``CodingKeys`` order, that replaces the row of the same scenario run when
    /// there is one: the bulk write of ``SQLiteStore/append(_:run:)`` runs it as one cached statement (a record
    /// `insert` builds its SQL and a container per row, which cost 40% of the store's write throughput).
    ///
    /// An upsert, not `INSERT OR REPLACE`: inside a transaction of many rows, SQLite keeps a statement journal
    /// for each `OR REPLACE` (it may delete a row before it fails), a copy of every page the row changes:
    /// 27 KB per result, 2.7 GB of copying for a run of 100,000 (`strace` of 2,000 rows in one transaction:
    /// 22.2 MB written against 9.4 MB as a plain insert or this upsert). The row it leaves is the same.
    static let insertSQL: String = {
        let columns = CodingKeys.allCases.map(\.rawValue)
        let key: Set<CodingKeys> = [.runID, .suite, .scenarioID, .repeatIndex]
        let updates = CodingKeys.allCases.filter { !key.contains($0) }.map { "\($0.rawValue) = excluded.\($0.rawValue)" }
        return "INSERT INTO \(databaseTableName) (\(columns.joined(separator: ", ")))"
            + " VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))"
            + " ON CONFLICT (run_id, suite, scenario_id, repeat_index) DO UPDATE SET \(updates.joined(separator: ", "))"
    }()

    /// The arguments of ``insertSQL``.
    var insertArguments: StatementArguments {
        // Optional existentials on purpose: GRDB's initializer for a sequence of concrete values maps them
        // through a key path, unspecialized across modules (1.2 CPU-s per 100,000 rows in a profile against
        // 0.3 s for this one). The columns are listed once (a synthesized `allCases` builds its array per call).
        StatementArguments(Self.columns.map { value(of: $0) })
    }

    /// Every column, in ``CodingKeys`` order.
    static let columns = CodingKeys.allCases

    /// The result in full detail: every label check (derived from the columns), the reply checks and the decision.
    func scenarioResult() throws -> ScenarioResult {
        let expected = Expectation(category: expectedCategory, escalate: expectedEscalate, team: expectedTeam, priority: expectedPriority,
                                   sentiment: expectedSentiment, churnRisk: expectedChurnRisk)
        var actual: ActualLabels?
        if let actualCategory {
            actual = ActualLabels(category: actualCategory, escalate: actualEscalate ?? false, team: actualTeam ?? "", priority: actualPriority ?? "",
                                  sentiment: actualSentiment ?? "", churnRisk: actualChurnRisk ?? false)
        }
        var checks: [CheckOutcome] = []
        if let actual {
            for field in Expectation.fields {
                guard let value = expected.value(of: field), let found = actual.value(of: field) else { continue }
                checks.append(CheckOutcome(field: field, expected: value, actual: found, passed: value == found))
            }
        }
        if let replyChecksJSON { checks += try Self.decoder.decode([CheckOutcome].self, from: Data(replyChecksJSON.utf8)) }
        let quality = try qualityJSON.map { try Self.decoder.decode(ResultQuality.self, from: Data($0.utf8)) }
        checks += quality?.checks ?? []
        var result = ScenarioResult(ordinal: ordinal, suite: suite, scenarioID: scenarioID, repeatIndex: repeatIndex,
                                    status: ScenarioResult.Status(rawValue: status) ?? .errored, expected: expected, actual: actual,
                                    checks: checks, decision: try decisionJSON.map { try Self.decoder.decode(Decision.self, from: Data($0.utf8)) },
                                    expectedTier: expectedTier.flatMap(EscalationTier.init(rawValue:)), latencyMs: latencyMs, error: error,
                                    errorClass: errorClass, tags: try Self.decoder.decode([String].self, from: Data(tagsJSON.utf8)),
                                    winner: winner, why: why, replyTotal: replyTotal, replyPassed: replyPassed)
        result.skippedAssertions = skippedAssertions
        result.quality = quality?.conversation
        if result.inputSignals.isEmpty { result.inputSignals = Self.signals(inputSignals) }
        return result
    }

    static var decoder: JSONDecoder { SQLiteStore.decoder }

    /// The input signals stored comma-joined; none for NULL.
    static func signals(_ text: String?) -> [String] {
        guard let text, !text.isEmpty else { return [] }
        return text.split(separator: ",").map(String.init)
    }

    /// Checks as compact JSON.
    static func json(_ checks: [CheckOutcome]) -> String {
        var writer = JSONWriter(capacity: 64 * checks.count + 2)
        writer.array { list in
            for check in checks {
                list.object { o in
                    o.field("field", check.field)
                    o.field("expected", check.expected)
                    o.field("actual", check.actual)
                    o.field("passed", check.passed)
                }
            }
        }
        return writer.string
    }

    /// Tags as compact JSON.
    static func json(_ tags: [String]) -> String {
        var writer = JSONWriter(capacity: 32)
        writer.value(tags)
        return writer.string
    }
}
