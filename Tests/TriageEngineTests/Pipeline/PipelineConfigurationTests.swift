import Foundation
import Logging
import LoopbackServer
import Testing
@testable import TriageEngine

/// The engine's one entry point: configuration in, ``TriagePipeline`` out, as a service links it.
@Suite struct PipelineConfigurationTests {
    static let logger = Logger(label: "triage-engine.tests", factory: { _ in SwiftLogNoOpLogHandler() })

    /// The same three calls as `Examples/TriageService/main.swift`, on the shipped files and the example's ticket:
    /// what a service gets is what the built-in pipeline decides.
    @Test func serviceExampleTriagesTheExampleTicket() async throws {
        let configuration = try PipelineConfiguration.load(rules: Fixtures.root + "/rules", prompts: Fixtures.root + "/prompts")
        let pipeline = try TriagePipeline(configuration: configuration, logger: Self.logger)
        let data = try #require(FileManager.default.contents(atPath: Fixtures.root + "/Examples/TriageService/ticket.json"))
        let ticket = try JSONDecoder().decode(Ticket.self, from: data)
        let decision = try await pipeline.triage(ticket)
        #expect(pipeline.isBuiltin)
        #expect(decision == (try Fixtures.pipeline.triageBuiltin(ticket)))
        #expect(decision.stage1.category == "billing")
        #expect(configuration.prompts.keys.sorted() == ["classify", "reclassify", "reply"])
        #expect(configuration.models.names.contains("gpt-4o-mini"))
    }

    /// Every problem in the prompts directory is reported, positioned, at once.
    @Test func loadReportsEveryBrokenFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("triage-engine-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "models:\n  - name: m\n    provider: gemini\n".write(to: directory.appendingPathComponent("models.yaml"), atomically: true, encoding: .utf8)
        #expect(throws: LoadErrors.self) { try PipelineConfiguration.load(rules: Fixtures.root + "/rules", prompts: directory.path) }
        do {
            _ = try PipelineConfiguration.load(rules: Fixtures.root + "/rules", prompts: directory.path)
        } catch {
            #expect(error.errors.map(\.file) == [directory.path + "/replies.yaml", directory.path + "/models.yaml"])
            #expect(error.errors.map(\.message) == ["no such file", "unknown provider \"gemini\"; expected one of: openai, anthropic, builtin"])
        }
    }

    static let catalogText = """
        models:
          - name: offline
            provider: builtin
          - name: claude
            provider: anthropic
            model: claude-test
          - name: gpt
            provider: openai
            model: gpt-test
        """

    static func catalog() throws -> ModelCatalog {
        try ModelCatalog.load(file: YAMLFile(path: "prompts/models.yaml", text: catalogText))
    }

    /// A model in a role its provider cannot play is rejected at its `provider:` line, never turned into a client
    /// of another provider.
    @Test(arguments: [
        (ModelRole.judge, "offline", """
            prompts/models.yaml:3:15: error: model "offline" has provider builtin, which cannot be used as the judge model; expected one of: openai, anthropic
                provider: builtin
                          ^
            """),
        (.embedding, "claude", """
            prompts/models.yaml:5:15: error: model "claude" has provider anthropic, which cannot be used as the embedding model; expected one of: openai
                provider: anthropic
                          ^
            """),
        (.embedding, "offline", """
            prompts/models.yaml:3:15: error: model "offline" has provider builtin, which cannot be used as the embedding model; expected one of: openai \
            (without an embedding model, the offline hashed embedding is used)
                provider: builtin
                          ^
            """),
    ])
    func providerMustSuitTheRole(role: ModelRole, name: String, expected: String) throws {
        let catalog = try Self.catalog()
        let error = #expect(throws: LoadError.self) { try catalog.config(named: name, role: role) }
        #expect(error?.description == expected)
    }

    @Test(arguments: [(ModelRole.classifier, "offline"), (.classifier, "claude"), (.classifier, "gpt"), (.judge, "claude"), (.judge, "gpt"),
                      (.embedding, "gpt")])
    func providerThatSuitsTheRoleIsAccepted(role: ModelRole, name: String) throws {
        #expect(try Self.catalog().config(named: name, role: role).name == name)
    }

    @Test func unknownModelNamesTheKnownOnes() throws {
        let error = #expect(throws: PipelineSetupError.self) { try Self.catalog().config(named: "gpt-5", role: .judge) }
        #expect(error?.description == "unknown judge model \"gpt-5\"; expected one of: offline, claude, gpt")
    }

    /// A configuration whose classifier is a model on the in-process stub.
    static func modelConfiguration(_ stub: OpenAIStub, prompts: [String: PromptTemplate]? = nil, keyVariable: String? = nil) throws -> PipelineConfiguration {
        let shipped = try PipelineConfiguration.load(rules: Fixtures.root + "/rules", prompts: Fixtures.root + "/prompts")
        var configuration = shipped
        configuration.prompts = prompts ?? shipped.prompts
        configuration.models = ModelCatalog(models: [ModelConfig(name: "stub", provider: .openai, baseURL: stub.baseURL, model: "stub-model",
                                                                 timeout: .seconds(10), apiKeyEnv: keyVariable)])
        configuration.model = "stub"
        return configuration
    }

    static let answer = #"{"category": "billing", "confidence": 0.9, "priority": "high", "sentiment": "neutral", "sentiment_score": 0, "churn_risk": false, "reason": "r"}"#

    /// With a model configured, the pipeline classifies and drafts through it: two calls for a one-message ticket.
    @Test func modelPipelineTriagesThroughTheModel() async throws {
        let stub = try OpenAIStub(answer: { request in request.bodyText.contains("sentiment_score") ? Self.answer : "We are on it." })
        defer { stub.stop() }
        let pipeline = try TriagePipeline(configuration: Self.modelConfiguration(stub), transport: ProviderFixtures.transport(clock: TestClock()),
                                          logger: Self.logger)
        let decision = try await pipeline.triage(Fixtures.ticket("hello there"))
        #expect(!pipeline.isBuiltin)
        #expect(decision.stage1.category == "billing")
        #expect(stub.requestCount == 2)
        #expect(decision.reply.text.contains("We are on it."))
    }

    /// `triageBuiltin` never answers for a model pipeline with the lexical engine.
    @Test func triageBuiltinRefusesAModelPipeline() throws {
        let stub = try OpenAIStub()
        defer { stub.stop() }
        let pipeline = try TriagePipeline(configuration: Self.modelConfiguration(stub), transport: ProviderFixtures.transport(clock: TestClock()),
                                          logger: Self.logger)
        let error = #expect(throws: PipelineSetupError.self) { try pipeline.triageBuiltin(Fixtures.ticket("hello")) }
        #expect(error?.description == "triageBuiltin(_:) runs the built-in engine only; this pipeline uses a model classifier or drafter "
                + "(LLMClassifier, LLMReplyDrafter): call triage(_:)")
        #expect(stub.requestCount == 0)
    }

    @Test func modelPipelineNeedsItsPromptsAndKey() throws {
        let stub = try OpenAIStub()
        defer { stub.stop() }
        let noPrompts = #expect(throws: PipelineSetupError.self) {
            try TriagePipeline(configuration: Self.modelConfiguration(stub, prompts: [:]), transport: ProviderFixtures.transport(clock: TestClock()),
                               logger: Self.logger)
        }
        // Named in the directory the configuration was loaded from, not a fixed prompts/.
        let directory = Fixtures.root + "/prompts/"
        #expect(noPrompts?.description == "model runs need the prompts \(directory)classify.yaml, \(directory)reclassify.yaml, \(directory)reply.yaml; not found")
        let noKey = #expect(throws: PipelineSetupError.self) {
            try TriagePipeline(configuration: Self.modelConfiguration(stub, keyVariable: "TRIAGE_TEST_UNSET_KEY"),
                               transport: ProviderFixtures.transport(clock: TestClock()), environment: [:], logger: Self.logger)
        }
        #expect(noKey?.description == "model \"stub\" needs its API key in the environment variable TRIAGE_TEST_UNSET_KEY (api_key_env); it is not set")
        // Replaying from the cache needs no key.
        var replay = try Self.modelConfiguration(stub, keyVariable: "TRIAGE_TEST_UNSET_KEY")
        replay.cacheMode = .replayOnly
        _ = try TriagePipeline(configuration: replay, transport: ProviderFixtures.transport(clock: TestClock()), environment: [:], logger: Self.logger)
    }
}
