import Foundation
import TriageEngine
@testable import TriageEval

/// A store in a fresh temporary directory with three runs, one of them with a hostile ticket:
///
/// - run 1, completed, suite `core`, built-in engine: `refund` passed, `login` failed.
/// - run 2, completed, suite `core`, model `gpt-test`: `refund` passed in repeats 0 and 1, `hostile` failed
///   with a model call whose stored request body carries the ticket (`<script>` and an `onerror` image).
/// - run 3, interrupted, suites `core` and `edge`, built-in engine: `refund` errored.
struct ViewerFixture {
    static let script = "<script>alert(1)</script>"
    static let image = "\"><img src=x onerror=alert(1)>"
    static let requestHash = String(repeating: "ab", count: 32)

    /// The temporary directory; ``remove()`` deletes it.
    let directory: URL
    /// The store.
    let store: SQLiteStore

    /// An empty store in a new temporary directory.
    static func empty() throws -> ViewerFixture {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("triage-viewer-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return ViewerFixture(directory: directory, store: try SQLiteStore(path: directory.appendingPathComponent("runs.sqlite").path))
    }

    /// The store with the three runs.
    static func make() throws -> ViewerFixture {
        let fixture = try empty()
        let store = fixture.store
        let one = try store.startRun(run(suites: ["core"], model: nil, planned: 2, at: 1_700_000_000))
        try store.append([result(0, "refund", passed: true), result(1, "login", passed: false)], run: one)
        try store.finishRun(one, status: .completed, at: Date(timeIntervalSince1970: 1_700_000_010))
        let two = try store.startRun(run(suites: ["core"], model: "gpt-test", planned: 3, at: 1_700_001_000))
        try store.append([result(0, "refund", passed: true), result(0, "refund", passed: true, repeatIndex: 1), hostile(1)], run: two)
        try store.finishRun(two, status: .completed, at: Date(timeIntervalSince1970: 1_700_001_010))
        let three = try store.startRun(run(suites: ["core", "edge"], model: nil, planned: 2, at: 1_700_002_000))
        try store.append([errored(0, "refund")], run: three)
        try store.finishRun(three, status: .interrupted, at: Date(timeIntervalSince1970: 1_700_002_010))
        return fixture
    }

    /// Deletes the temporary directory.
    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    static func run(suites: [String], model: String?, planned: Int, at time: TimeInterval) -> StoredRun {
        StoredRun(id: 0, status: .running, startedAt: Date(timeIntervalSince1970: time), finishedAt: nil, toolVersion: "0.1.0", gitCommit: "0123456789abcdef",
                  engine: EngineDescription(classifier: model == nil ? "builtin-lexical" : "llm", drafter: "templates", model: model, categories: ["billing", "account"]),
                  gates: RunGates(), plannedResults: planned, suites: suites,
                  sources: [SourceFile(kind: "suite", path: "scenarios/core.yaml", sha256: String(repeating: "0", count: 64))], pid: 1, host: "fixture-host")
    }

    static func decision(_ category: String, reply: String = "Hello, we are on it.") -> Decision {
        let classification = Classification(category: category, confidence: 0.9, sentiment: "negative", sentimentScore: -0.5, churnRisk: false)
        return Decision(stage1: classification, stage2: nil, escalate: true, team: "finance", tier: .always, priority: "high", slaHours: 4,
                        inputSignals: [], reply: Reply(text: reply, parts: [reply]),
                        trace: DecisionTrace(rules: [.init(rule: "billing-dispute", tier: .always, fired: true, detail: "category is billing"),
                                                     .init(rule: "vip-plan", tier: .likely, fired: false, detail: "plan is free")],
                                             winner: "billing-dispute", why: "ALWAYS rule fired", priorityRule: nil))
    }

    static func result(_ ordinal: Int, _ id: String, passed: Bool, repeatIndex: Int = 0) -> ScenarioResult {
        let decision = decision(passed ? "billing" : "account")
        let checks = [CheckOutcome(field: .category, expected: "billing", actual: decision.classification.category, passed: passed)]
        return ScenarioResult(ordinal: ordinal, suite: "core", scenarioID: id, repeatIndex: repeatIndex, status: passed ? .passed : .failed,
                              expected: Expectation(category: "billing"), actual: ActualLabels(decision), checks: checks, decision: decision,
                              expectedTier: .always, latencyMs: 12, error: nil, errorClass: nil, tags: ["smoke"])
    }

    /// A failed scenario whose ticket, reply and model request carry markup.
    static func hostile(_ ordinal: Int) -> ScenarioResult {
        var result = result(ordinal, "hostile", passed: false)
        var decision = decision("account", reply: "Hi \(image), thanks for writing \(script)")
        decision.trace.why = "subject quoted: \(script)"
        result.decision = decision
        result.why = decision.trace.why
        result.checks.append(CheckOutcome(field: "reply", expected: "contains \(script)", actual: "missing", passed: false))
        let body = #"{"messages":[{"role":"user","content":"Name: \#(image.replacingOccurrences(of: "\"", with: "\\\"")) Message: \#(script)"}],"model":"gpt-test"}"#
        result.calls = [CallRecord(provider: "openai", model: "gpt-test", purpose: "stage1", status: 200, attempts: 1, latencyMs: 40, inputTokens: 120,
                                   outputTokens: 30, costUSD: 0.0001, errorClass: nil, cached: false, requestHash: requestHash)]
        result.requests = [requestHash: body]
        return result
    }

    static func errored(_ ordinal: Int, _ id: String) -> ScenarioResult {
        ScenarioResult(ordinal: ordinal, suite: "core", scenarioID: id, repeatIndex: 0, status: .errored, expected: Expectation(category: "billing"),
                       actual: nil, checks: [], decision: nil, expectedTier: nil, latencyMs: 5, error: "ModelError(timeout)", errorClass: "timeout", tags: [])
    }
}
