import Foundation
import LoopbackServer
import Testing
import TriageEngine
@testable import TriageEval

/// Runs with `provider: http` against an in-process server: one that answers as Examples/TriageService does
/// (the built-in pipeline's `Decision.json` for the posted ticket), and one scripted with other paths.
@Suite("HTTP target runs", .serialized)
struct HTTPTargetRunTests {
    private static let suite = EvalFixtures.root + "/Tests/Fixtures/cli/pass.yaml"

    @Test func aServiceLinkingTheEngineIsEvaluatedEndToEndAndItsTokenIsNeverStored() async throws {
        let secret = "staging-token-\(UUID().uuidString)"
        var workspace = try EvalFixtures.workspace([Self.suite])
        let service = TriagePipeline(policy: workspace.policy, replies: workspace.replies)
        let server = try LoopbackServer { request in
            guard request.header("authorization") == "Bearer \(secret)",
                  let ticket = try? JSONDecoder().decode(Ticket.self, from: request.body),
                  let decision = try? await service.triage(ticket) else { return .json(#"{"error": "bad request"}"#, status: 400) }
            return .json(decision.json)
        }
        defer { server.stop() }
        let directory = try EvalFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try Store(path: directory.appendingPathComponent("runs.sqlite").path)
        workspace.models = try ModelCatalog.load(file: YAMLFile(path: "models.yaml", text: """
            models:
              - name: staging
                provider: http
                url: \(server.baseURL.absoluteString)/triage
                headers: {Authorization: "Bearer ${STAGING_TOKEN}"}

            """))
        let environment = ["STAGING_TOKEN": secret]
        let engine = try Engine.make(workspace: workspace, options: EngineOptions(model: "staging"), store: store, environment: environment,
                                     logger: EvalFixtures.logger)
        #expect(engine.description.classifier == "http")
        let outcome = try await Evaluation(workspace: workspace, engine: engine, concurrency: 1).run(store: store)
        let results = try store.results(run: outcome.runID)
        // The service's labels are the run's: the suite's three clear-cut tickets pass as with the built-in engine.
        #expect(results.map(\.status) == [.passed, .passed, .passed])
        #expect(results.compactMap { $0.decision?.classification.category } == ["billing", "how_to", "security"])
        #expect(results.first?.decision?.reply.text.hasPrefix("Hi Priya,") == true)
        let report = try #require(try RunReport.build(run: outcome.runID, store: store))
        let json = try report.render(.json)
        #expect(json.contains(#""category":"security""#) || json.contains(#""category" : "security""#))

        // Replay answers from the cache keyed by the rendered body: no request reaches the server, no token is needed.
        let sent = server.acceptedConnections
        let replay = try Engine.make(workspace: workspace, options: EngineOptions(model: "staging", cacheMode: .replayOnly), store: store,
                                     environment: [:], logger: EvalFixtures.logger)
        let replayed = try await Evaluation(workspace: workspace, engine: replay, concurrency: 1).run(store: store)
        #expect(try store.results(run: replayed.runID).map(\.status) == [.passed, .passed, .passed])
        #expect(server.acceptedConnections == sent)

        for format in ReportFormat.allCases where format != .html {
            #expect(!(try report.render(format)).contains(secret))
        }
        var scanned = 0
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            let bytes = try Data(contentsOf: directory.appendingPathComponent(file))
            scanned += bytes.count
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "the token is in \(file)")
        }
        #expect(scanned > 10_000)
    }

    @Test func aMissingHeaderVariableIsASetupErrorNamingIt() throws {
        var workspace = try EvalFixtures.workspace([Self.suite])
        workspace.models = try ModelCatalog.load(file: YAMLFile(path: "models.yaml", text: """
            models:
              - {name: staging, provider: http, url: "http://127.0.0.1:9/triage", headers: {Authorization: "Bearer ${STAGING_TOKEN}"}}

            """))
        #expect(EvalFixtures.errorText {
            try Engine.make(workspace: workspace, options: EngineOptions(model: "staging"), store: nil, environment: [:], logger: EvalFixtures.logger)
        } == "model \"staging\" needs the environment variable STAGING_TOKEN (named in its header Authorization); it is not set")
    }

    @Test func anAnswerMissingAPathOrWithAnUnknownLabelErrorsItsScenario() async throws {
        var workspace = try EvalFixtures.workspace([Self.suite])
        let server = try LoopbackServer { request in
            let body = request.bodyText
            if body.contains("\"channel\": \"email\"") {  // smoke-refund: no priority
                return .json(#"{"decision": {"category": "billing", "escalate": true, "team": "billing"}, "reply": {"text": "Hi"}}"#)
            }
            if body.contains("\"channel\": \"whatsapp\"") {  // smoke-howto: a label outside the taxonomy
                return .json(#"{"decision": {"category": "refund", "escalate": false, "priority": "low"}, "reply": {"text": "Hi"}}"#)
            }
            return .text("upstream proxy error page")
        }
        defer { server.stop() }
        workspace.models = try ModelCatalog.load(file: YAMLFile(path: "models.yaml", text: """
            models:
              - name: staging
                provider: http
                url: \(server.baseURL.absoluteString)/triage
                body: '{"subject": {{ticket.subject_json}}, "messages": {{ticket.messages_json}}, "channel": "{{ticket.channel}}", "plan": "{{ticket.plan}}"}'
                response:
                  category: $.decision.category
                  escalate: $.decision.escalate
                  team: $.decision.team
                  priority: $.decision.priority
                  reply: $.reply.text

            """))
        let store = try Store(path: ":memory:")
        let engine = try Engine.make(workspace: workspace, options: EngineOptions(model: "staging"), store: store, environment: [:],
                                     logger: EvalFixtures.logger)
        let outcome = try await Evaluation(workspace: workspace, engine: engine, concurrency: 1).run(store: store)
        let results = try store.results(run: outcome.runID)
        #expect(results.map(\.status) == [.errored, .errored, .errored])
        #expect(results.map(\.errorClass) == ["http_answer", "http_answer", "http_answer"])
        #expect(results.map(\.error) == [
            #"http_answer (HTTP 200, 1 attempt): the answer has no priority at $.decision.priority: {"decision": {"category": "billing", "escalate": true, "team": "billing"}, "reply": {"text": "Hi"}}"#,
            #"http_answer (HTTP 200, 1 attempt): the answer's category "refund" at $.decision.category is not in the taxonomy; expected one of: security, legal_privacy, billing, account_deletion, data_loss, account_access, technical_bug, feature_request, how_to, general: {"decision": {"category": "refund", "escalate": false, "priority": "low"}, "reply": {"text": "Hi"}}"#,
            #"http_answer (HTTP 200, 1 attempt): the answer is not JSON: upstream proxy error page"#,
        ])
    }
}
