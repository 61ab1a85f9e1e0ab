import Foundation
import LoopbackServer
import Testing
import TriageEngine
@testable import TriageEval

/// Model runs end to end against the in-process OpenAI-compatible server: stored calls, the cache,
/// replay, errors, and the API key never reaching the store.
@Suite("Model runs", .serialized)
struct ModelRunTests {
    /// Answers classification prompts with labels chosen from the customer's words, and reply prompts with text.
    static func oracle(_ request: ServerRequest) -> String {
        let body = request.bodyText
        guard body.contains("sentiment_score") else { return "Thanks for your patience, we are on it." }
        let user = (request.jsonObject?["messages"] as? [[String: Any]])?.last?["content"] as? String ?? ""
        let category = user.contains("charged") ? "billing" : (user.contains("hacked") ? "security" : "how_to")
        return "Sure! ```json\n{\"category\": \"\(category.uppercased())\", \"confidence\": 0.9, \"priority\": \"high\", \"sentiment\": \"Neutral\", \"sentiment_score\": 0, \"churn_risk\": false, \"reason\": \"r\",}\n```"
    }

    func workspace(_ stub: OpenAIStub, keyVariable: String? = nil) throws -> Workspace {
        var workspace = try EvalFixtures.workspace([EvalFixtures.root + "/Tests/Fixtures/cli/pass.yaml"])
        workspace.models.models.append(ModelConfig(name: "stub", provider: .openai, baseURL: stub.baseURL, model: "stub-model",
                                                   timeout: .seconds(5), inputPricePerMillion: 1, outputPricePerMillion: 2, apiKeyEnv: keyVariable))
        return workspace
    }

    func run(_ workspace: Workspace, store: any RunStore, cache: CacheMode = .readWrite, environment: [String: String] = [:]) async throws -> Evaluation.Outcome {
        let engine = try Engine.make(workspace: workspace, options: EngineOptions(model: "stub", cacheMode: cache,
                                                                                   retry: RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(1), jitter: 0)),
                                     store: store, environment: environment, logger: EvalFixtures.logger)
        return try await Evaluation(workspace: workspace, engine: engine, concurrency: 3).run(store: store)
    }

    @Test func modelRunIsStoredWithCallsAndReplaysIdentically() async throws {
        let stub = try OpenAIStub(promptTokens: 100, completionTokens: 20, answer: Self.oracle)
        defer { stub.stop() }
        let store = try SQLiteStore(path: ":memory:")
        let workspace = try workspace(stub)
        let first = try await run(workspace, store: store)
        #expect(first.status == .completed)
        #expect(first.report.run.engine.model == "stub")
        #expect(first.report.run.sources.contains { $0.kind == "model" && $0.path == "model:stub" && $0.sha256.count == 64 })
        #expect(first.report.run.sources.contains { $0.kind == "prompt" && $0.path.hasSuffix("classify.yaml") })
        // Labels parsed through fences, a trailing comma and other case; escalation from the YAML rules.
        let results = try store.results(run: first.runID)
        #expect(results.map { $0.actual?.category } == ["billing", "how_to", "security"])
        #expect(results.map { $0.actual?.team } == ["billing", "none", "security"])
        // Two calls per ticket (stage 1, reply); no agent replied, so no stage 2.
        let calls = try store.calls(run: first.runID)
        #expect(calls.map(\.purpose) == ["stage1", "reply", "stage1", "reply", "stage1", "reply"])
        #expect(calls.allSatisfy { !$0.cached && $0.attempts == 1 && $0.inputTokens == 100 && $0.outputTokens == 20 })
        let usage = try #require(first.report.usage)
        #expect(usage.calls == 6)
        #expect(abs(usage.costUSD - 6 * (100 * 1.0 + 20 * 2.0) / 1_000_000) < 1e-12)
        #expect(try store.request(hash: calls[0].requestHash)?.contains("stub-model") == true)
        #expect(stub.requestCount == 6)

        // Replay: no request reaches the server, the labels are identical, calls are marked cached.
        let replay = try await run(workspace, store: store, cache: .replayOnly)
        #expect(stub.requestCount == 6)
        #expect(try store.results(run: replay.runID).map(\.actual) == results.map(\.actual))
        #expect(try store.calls(run: replay.runID).allSatisfy(\.cached))
        #expect(replay.report.usage?.cachedCalls == 6)
    }

    @Test func replayWithoutARecordingErrorsClearly() async throws {
        let stub = try OpenAIStub(answer: Self.oracle)
        defer { stub.stop() }
        let outcome = try await run(try workspace(stub), store: try SQLiteStore(path: ":memory:"), cache: .replayOnly)
        #expect(stub.requestCount == 0)
        #expect(outcome.report.errored == 3)
        #expect(outcome.report.erroredByClass == ["replay_miss": 3])
        #expect(outcome.report.results.map(\.errorClass) == ["replay_miss", "replay_miss", "replay_miss"])
        #expect(outcome.report.results[0].error == "replay_miss (0 attempts): no cached response for openai stub-model; the cache mode is replay only")
    }

    @Test func persistentServerErrorsAreErroredNotFailedAndNothingIsLost() async throws {
        let stub = try OpenAIStub(answer: Self.oracle)
        defer { stub.stop() }
        stub.enqueue(Array(repeating: StubFault.status(503), count: 100))
        let store = try SQLiteStore(path: ":memory:")
        let outcome = try await run(try workspace(stub), store: store, cache: .bypass)
        #expect(outcome.status == .completed)
        #expect(outcome.report.scenarioCount == 3)
        #expect(outcome.report.errored == 3)
        #expect(outcome.report.failed == 0)
        #expect(outcome.report.erroredByClass == ["server_error": 3])
        #expect(outcome.report.usage?.errorsByClass == ["server_error": 3])
        #expect(try store.calls(run: outcome.runID).allSatisfy { $0.attempts == 2 && $0.errorClass == "server_error" })
    }

    @Test func theAPIKeyIsSentButNeverStored() async throws {
        let secret = "sk-test-\(UUID().uuidString)"
        let stub = try OpenAIStub(answer: Self.oracle)
        defer { stub.stop() }
        let directory = try EvalFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("runs.sqlite").path
        let store = try SQLiteStore(path: path)
        let workspace = try workspace(stub, keyVariable: "STUB_KEY")
        _ = try await run(workspace, store: store, environment: ["STUB_KEY": secret])
        #expect(stub.requests.allSatisfy { $0.header("authorization") == "Bearer \(secret)" })
        // A failing call must not leak it either.
        stub.enqueue(.status(401, body: #"{"error": {"message": "bad key \#(secret)"}}"#))
        _ = try await run(workspace, store: store, cache: .bypass, environment: ["STUB_KEY": secret])
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            let bytes = try Data(contentsOf: directory.appendingPathComponent(file))
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "the key is in \(file)")
        }
        // Without the variable the run does not start.
        #expect(throws: EngineSetupError.self) { try Engine.make(workspace: workspace, options: EngineOptions(model: "stub"), store: store, environment: [:], logger: EvalFixtures.logger) }
    }

    /// `TRIAGE_EVAL_TRANSPORT` picks the transport model calls go through (libcurl by default on Linux).
    @Test(arguments: DefaultTransport.Kind.allCases.filter { $0 != .curl || CurlTransport.isAvailable }.map(\.rawValue))
    func eitherTransportRunsTheModel(transport: String) async throws {
        let stub = try OpenAIStub(answer: Self.oracle)
        defer { stub.stop() }
        let outcome = try await run(try workspace(stub), store: try SQLiteStore(path: ":memory:"), environment: ["TRIAGE_EVAL_TRANSPORT": transport])
        #expect(outcome.status == .completed)
        #expect(stub.requestCount > 0)
    }

    /// An unknown transport name stops the run before it starts, naming the choices.
    @Test func unknownTransportIsASetupError() throws {
        let stub = try OpenAIStub()
        defer { stub.stop() }
        let workspace = try workspace(stub)
        let error = #expect(throws: EngineSetupError.self) {
            try Engine.make(workspace: workspace, options: EngineOptions(model: "stub"), store: nil, environment: ["TRIAGE_EVAL_TRANSPORT": "nio"], logger: EvalFixtures.logger)
        }
        #expect(error?.description == "TRIAGE_EVAL_TRANSPORT=nio names no transport; expected one of: urlsession, curl")
    }
}
