import Foundation
import LoopbackServer
import Testing
import TriageEngine
@testable import TriageEval

/// A provider that echoes the API key back in its 200 answers (in the classification's reason, in the
/// reply, once JSON-escaped, and in an error body): no byte of the store's files and no report format
/// carries the key afterwards, while the answers are still read.
@Suite("Secret redaction", .serialized)
struct SecretRedactionTests {
    @Test func anEchoedKeyReachesNoStoredByteAndNoReport() async throws {
        // Not shaped like a vendor key, so only the configured-key redaction can remove it.
        let secret = "echo-key-\(UUID().uuidString)"
        let escaped = "\\u00" + String(secret.utf8.first!, radix: 16) + secret.dropFirst()
        let stub = try OpenAIStub { request in
            let key = (request.header("authorization") ?? "").replacingOccurrences(of: "Bearer ", with: "")
            guard request.bodyText.contains("sentiment_score") else { return "Thanks! Your key is \(key), keep it safe." }
            return #"{"category": "billing", "confidence": 0.9, "priority": "high", "sentiment": "neutral", "sentiment_score": 0, "churn_risk": false, "reason": "key \#(key)"}"#
        }
        defer { stub.stop() }
        let directory = try EvalFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try Store(path: directory.appendingPathComponent("runs.sqlite").path)
        var workspace = try EvalFixtures.workspace([EvalFixtures.root + "/Tests/Fixtures/cli/pass.yaml"])
        workspace.models.models.append(ModelConfig(name: "echo", provider: .openai, baseURL: stub.baseURL, model: "stub-model",
                                                   timeout: .seconds(5), apiKeyEnv: "ECHO_KEY"))
        // The first answer carries the key JSON-escaped; one call fails with the key in the error body.
        let content = #"{\"category\": \"how_to\", \"confidence\": 0.9, \"priority\": \"high\", \"sentiment\": \"neutral\", \"sentiment_score\": 0, \"churn_risk\": false, \"reason\": \"key \#(escaped)\"}"#
        stub.enqueue(.status(200, body: #"{"choices": [{"message": {"role": "assistant", "content": "\#(content)"}}], "usage": {"prompt_tokens": 1, "completion_tokens": 1}}"#))
        let engine = try Engine.make(workspace: workspace, options: EngineOptions(model: "echo", retry: RetryPolicy(maxAttempts: 1)),
                                     store: store, environment: ["ECHO_KEY": secret], logger: EvalFixtures.logger)
        let outcome = try await Evaluation(workspace: workspace, engine: engine, concurrency: 1).run(store: store)
        stub.enqueue(.status(500, body: #"{"error": {"message": "bad key \#(secret)"}}"#))
        let second = try await Evaluation(workspace: workspace, engine: try Engine.make(
            workspace: workspace, options: EngineOptions(model: "echo", cacheMode: .bypass, retry: RetryPolicy(maxAttempts: 1)),
            store: store, environment: ["ECHO_KEY": secret], logger: EvalFixtures.logger), concurrency: 1).run(store: store)

        #expect(stub.requests.allSatisfy { $0.header("authorization") == "Bearer \(secret)" })
        // Six calls (classification and reply for three tickets), then five: the failed classification ends its scenario.
        #expect(stub.requestCount == 11)
        // The answers were read, with the key replaced.
        let results = try store.results(run: outcome.runID)
        #expect(results.allSatisfy { $0.status != .errored })
        #expect(results.contains { $0.decision?.reply.text.contains("Your key is [redacted]") == true })
        #expect(results.map { $0.decision?.stage1.reason } == ["key [redacted]", "key [redacted]", "key [redacted]"])
        #expect(try store.results(run: second.runID).contains { $0.error?.contains("bad key [redacted]") == true })

        for run in [outcome.runID, second.runID] {
            let report = try #require(try RunReport.build(run: run, store: store))
            for format in ReportFormat.allCases {
                let text = format == .html ? try HTMLReport.build(for: report, store: store).render() : try report.render(format)
                #expect(!text.contains(secret), "the key is in the \(format.rawValue) report of run \(run)")
            }
        }
        var scanned = 0
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            let bytes = try Data(contentsOf: directory.appendingPathComponent(file))
            scanned += bytes.count
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "the key is in \(file)")
            #expect(bytes.range(of: Data(escaped.utf8)) == nil, "the escaped key is in \(file)")
        }
        #expect(scanned > 10_000)
    }

    /// The store's response cache removes registered keys from whatever body a client hands it.
    @Test func theStoreCacheRedactsWhateverItIsGiven() async throws {
        let secret = "cache-key-\(UUID().uuidString)"
        Redaction.register([secret])
        let cache = StoreResponseCache(store: try Store(path: ":memory:"))
        try await cache.store(key: "k", response: CachedResponse(body: Data(#"{"echo": "\#(secret)"}"#.utf8), status: 200, latencyMs: 1,
                                                                  inputTokens: 1, outputTokens: 1))
        let hit = try #require(try await cache.lookup(key: "k"))
        #expect(String(decoding: hit.body, as: UTF8.self) == #"{"echo": "[redacted]"}"#)
    }
}
