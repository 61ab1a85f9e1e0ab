import Foundation
import LoopbackServer
import Testing
@testable import TriageEngine

/// The Anthropic Messages client against the Anthropic stub.
@Suite struct AnthropicChatModelTests {
    @Test(arguments: ProviderFixtures.transportKinds)
    func sendsHeadersSystemFieldAndDefaultMaxTokens(kind: DefaultTransport.Kind) async throws {
        let stub = try AnthropicStub(inputTokens: 1_000, outputTokens: 200, answer: { _ in "billing" })
        defer { stub.stop() }
        let client = AnthropicChatModel(config: ProviderFixtures.anthropicConfig(stub.baseURL),
                                        transport: ProviderFixtures.transport(clock: TestClock(), kind: kind), apiKey: "ant-test-key-123")
        let request = ChatRequest(messages: [.system("Rules."), .system("More rules."), .user("Where is my refund?")])
        let response = try await client.complete(request)
        #expect(response.text == "billing")
        #expect(response.inputTokens == 1_000)
        #expect(response.outputTokens == 200)
        // 1,000 x $3/M + 200 x $15/M = $0.003 + $0.003
        #expect(abs(response.record.costUSD - 0.006) < 1e-12)
        #expect(response.record.provider == "anthropic")

        let sent = try #require(stub.requests.first)
        #expect(sent.path == "/v1/messages")
        #expect(sent.header("x-api-key") == "ant-test-key-123")
        #expect(sent.header("anthropic-version") == "2023-06-01")
        #expect(sent.header("content-type") == "application/json")
        #expect(sent.header("authorization") == nil)
        #expect(sent.bodyText == #"{"max_tokens":1024,"messages":[{"content":"Where is my refund?","role":"user"}],"model":"claude-test","system":"Rules.\n\nMore rules.","temperature":0}"#)
    }

    @Test(arguments: ProviderFixtures.transportKinds)
    func configuredMaxTokensWins(kind: DefaultTransport.Kind) async throws {
        let stub = try AnthropicStub()
        defer { stub.stop() }
        let client = AnthropicChatModel(config: ProviderFixtures.anthropicConfig(stub.baseURL, maxTokens: 256),
                                        transport: ProviderFixtures.transport(clock: TestClock(), kind: kind))
        _ = try await client.complete(ChatRequest(messages: [.user("hi")]))
        #expect(stub.requests.first?.jsonObject?["max_tokens"] as? Int == 256)
        #expect(stub.requests.first?.jsonObject?["system"] == nil)
        #expect(stub.requests.first?.header("x-api-key") == nil)
    }

    @Test(arguments: ProviderFixtures.transportKinds)
    func joinsTextBlocksAndSkipsOthers(kind: DefaultTransport.Kind) async throws {
        let server = try LoopbackServer { _ in
            .json(#"{"type": "message", "content": [{"type": "text", "text": "{\"category\": "}, {"type": "tool_use", "id": "t", "name": "x", "input": {}}, {"type": "text", "text": "\"billing\"}"}], "usage": {"input_tokens": 9, "output_tokens": 4}}"#)
        }
        defer { server.stop() }
        let client = AnthropicChatModel(config: ProviderFixtures.anthropicConfig(server.baseURL.appendingPathComponent("v1")),
                                        transport: ProviderFixtures.transport(clock: TestClock(), kind: kind))
        let response = try await client.complete(ChatRequest(messages: [.user("hi")]))
        #expect(response.text == #"{"category": "billing"}"#)
        #expect(response.inputTokens == 9)
        #expect(response.outputTokens == 4)
    }

    /// Anthropic's 529 "overloaded" is a 5xx like any other: retried.
    @Test(arguments: ProviderFixtures.transportKinds)
    func overloadedIsRetried(kind: DefaultTransport.Kind) async throws {
        let stub = try AnthropicStub()
        defer { stub.stop() }
        stub.enqueue(.status(529), .status(429, retryAfter: "3"))
        let clock = TestClock()
        let client = AnthropicChatModel(config: ProviderFixtures.anthropicConfig(stub.baseURL),
                                        transport: ProviderFixtures.transport(clock: clock, kind: kind))
        let response = try await client.complete(ChatRequest(messages: [.user("hi")]))
        #expect(response.record.attempts == 3)
        #expect(clock.sleeps == [.milliseconds(500), .seconds(3)])
    }

    @Test(arguments: ProviderFixtures.transportKinds)
    func cutOffBodiesAreTransportFaultsAndRetried(kind: DefaultTransport.Kind) async throws {
        let stub = try AnthropicStub()
        defer { stub.stop() }
        stub.enqueue(.malformedJSON, .truncated, .malformedJSON, .truncated)
        let client = AnthropicChatModel(config: ProviderFixtures.anthropicConfig(stub.baseURL),
                                        transport: ProviderFixtures.transport(clock: TestClock(), kind: kind))
        let error = await ProviderFixtures.modelError { try await client.complete(ChatRequest(messages: [.user("hi")])) }
        #expect(error?.errorClass == "transport")
        #expect(error?.attempts == 4)
        #expect(stub.requestCount == 4)
        // A well-formed answer with the wrong shape is the model's fault: not retried.
        stub.enqueue(.status(200, body: #"{"type": "message"}"#))
        let wrong = await ProviderFixtures.modelError { try await client.complete(ChatRequest(messages: [.user("hi")])) }
        #expect(wrong?.errorClass == "invalid_output")
        #expect(wrong?.detail.hasPrefix("the message has no content array") == true)
        #expect(stub.requestCount == 5)
    }

    /// A key without a recognisable shape is still redacted, because the client knows it.
    @Test(arguments: ProviderFixtures.transportKinds)
    func echoedKeyIsRedacted(kind: DefaultTransport.Kind) async throws {
        let key = "ant-\(UUID().uuidString)"
        let stub = try AnthropicStub()
        defer { stub.stop() }
        stub.enqueue(.status(401, body: #"{"type": "error", "error": {"type": "authentication_error", "message": "invalid x-api-key \#(key)"}}"#))
        let client = AnthropicChatModel(config: ProviderFixtures.anthropicConfig(stub.baseURL),
                                        transport: ProviderFixtures.transport(clock: TestClock(), kind: kind), apiKey: key)
        let error = try #require(await ProviderFixtures.modelError { try await client.complete(ChatRequest(messages: [.user("hi")])) })
        #expect(error.errorClass == "client_error")
        #expect(!error.description.contains(key))
        #expect(error.description.contains("invalid x-api-key [redacted]"))
    }
}
