import Foundation
import LoopbackServer
import Testing
@testable import TriageEngine

/// The OpenAI Chat Completions client against the OpenAI stub.
@Suite struct OpenAIChatModelTests {
    static let schema = JSONSchemaSpec(name: "triage", schemaJSON: #"""
        {"type": "object", "properties": {"category": {"type": "string"}}, "required": ["category"], "additionalProperties": false}
        """#)

    private func model(_ stub: OpenAIStub, kind: DefaultTransport.Kind, clock: TestClock = TestClock(), apiKey: String? = nil,
                       cache: (any ResponseCache)? = nil, cacheMode: CacheMode = .readWrite,
                       structuredOutput: Bool? = nil) -> OpenAIChatModel {
        OpenAIChatModel(config: ProviderFixtures.openAIConfig(stub.baseURL, structuredOutput: structuredOutput),
                        transport: ProviderFixtures.transport(clock: clock, kind: kind), apiKey: apiKey, cache: cache, cacheMode: cacheMode)
    }

    @Test(arguments: ProviderFixtures.transportKinds)
    func completesWithTokensCostAndRecord(kind: DefaultTransport.Kind) async throws {
        let stub = try OpenAIStub(promptTokens: 1_200, completionTokens: 300, answer: { _ in #"{"category": "billing"}"# })
        defer { stub.stop() }
        let log = CallLog()
        let response = try await CallContext.$log.withValue(log) {
            try await CallContext.$purpose.withValue("stage1") {
                try await model(stub, kind: kind).complete(ProviderFixtures.chat())
            }
        }
        #expect(response.text == #"{"category": "billing"}"#)
        #expect(response.inputTokens == 1_200)
        #expect(response.outputTokens == 300)
        // 1,200 x $2.50/M + 300 x $10/M = $0.003 + $0.003
        #expect(abs(response.record.costUSD - 0.006) < 1e-12)
        #expect(response.record.provider == "openai")
        #expect(response.record.model == "gpt-test")
        #expect(response.record.purpose == "stage1")
        #expect(response.record.status == 200)
        #expect(response.record.attempts == 1)
        #expect(response.record.errorClass == nil)
        #expect(response.record.cached == false)
        #expect(response.record.requestHash.count == 64)
        #expect(log.records == [response.record])
    }

    /// The body is encoded with sorted keys, so the same request always hashes to the same cache key.
    @Test(arguments: ProviderFixtures.transportKinds)
    func requestBodyIsDeterministic(kind: DefaultTransport.Kind) async throws {
        let stub = try OpenAIStub()
        defer { stub.stop() }
        let client = model(stub, kind: kind)
        let first = try await client.complete(ProviderFixtures.chat("hi"))
        let second = try await client.complete(ProviderFixtures.chat("hi"))
        #expect(first.requestBody == #"{"max_tokens":50,"messages":[{"content":"You triage tickets.","role":"system"},{"content":"hi","role":"user"}],"model":"gpt-test","temperature":0}"#)
        #expect(first.requestBody == second.requestBody)
        #expect(first.record.requestHash == second.record.requestHash)
        #expect(stub.requests.first?.bodyText == first.requestBody)
        #expect(stub.requests.first?.path == "/v1/chat/completions")
    }

    @Test(arguments: ProviderFixtures.transportKinds)
    func structuredOutputSendsResponseFormat(kind: DefaultTransport.Kind) async throws {
        let stub = try OpenAIStub()
        defer { stub.stop() }
        var request = ProviderFixtures.chat()
        request.jsonSchema = Self.schema
        _ = try await model(stub, kind: kind).complete(request)
        let sent = try #require(stub.requests.first?.jsonObject)
        let format = try #require(sent["response_format"] as? [String: Any])
        #expect(format["type"] as? String == "json_schema")
        let jsonSchema = try #require(format["json_schema"] as? [String: Any])
        #expect(jsonSchema["name"] as? String == "triage")
        #expect(jsonSchema["strict"] as? Bool == true)
        let schema = try #require(jsonSchema["schema"] as? [String: Any])
        #expect(schema["required"] as? [String] == ["category"])
    }

    @Test(arguments: ProviderFixtures.transportKinds)
    func structuredOutputOffSendsNoResponseFormat(kind: DefaultTransport.Kind) async throws {
        let stub = try OpenAIStub()
        defer { stub.stop() }
        var request = ProviderFixtures.chat()
        request.jsonSchema = Self.schema
        _ = try await model(stub, kind: kind, structuredOutput: false).complete(request)
        #expect(stub.requests.first?.jsonObject?["response_format"] == nil)
    }

    /// A 400 naming response_format: the same call is retried without it, and later calls leave it out.
    @Test(arguments: ProviderFixtures.transportKinds)
    func fallsBackWithoutResponseFormatAfter400(kind: DefaultTransport.Kind) async throws {
        let stub = try OpenAIStub(answer: { _ in #"{"category": "billing"}"# })
        defer { stub.stop() }
        stub.enqueue(.status(400, body: #"{"error": {"message": "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.", "type": "invalid_request_error"}}"#))
        let clock = TestClock()
        let client = model(stub, kind: kind, clock: clock)
        var request = ProviderFixtures.chat()
        request.jsonSchema = Self.schema
        let first = try await client.complete(request)
        #expect(first.text == #"{"category": "billing"}"#)
        #expect(first.record.attempts == 2)
        #expect(first.record.errorClass == nil)
        #expect(!first.requestBody.contains("response_format"))
        #expect(client.structuredOutputDisabled)
        #expect(clock.sleeps.isEmpty)
        _ = try await client.complete(request)
        let sent = stub.requests.map { $0.jsonObject?["response_format"] != nil }
        #expect(sent == [true, false, false])
    }

    /// Any other 400 is a client error, reported once.
    @Test(arguments: ProviderFixtures.transportKinds)
    func other400IsClientErrorWithoutFallback(kind: DefaultTransport.Kind) async throws {
        let stub = try OpenAIStub()
        defer { stub.stop() }
        stub.enqueue(.status(400, body: #"{"error": {"message": "messages: too long"}}"#))
        var request = ProviderFixtures.chat()
        request.jsonSchema = Self.schema
        let client = model(stub, kind: kind)
        let error = await ProviderFixtures.modelError { try await client.complete(request) }
        #expect(error?.errorClass == "client_error")
        #expect(error?.attempts == 1)
        #expect(stub.requestCount == 1)
        #expect(!client.structuredOutputDisabled)
    }

    @Test(arguments: ProviderFixtures.transportKinds)
    func sendsBearerOnlyWithAKey(kind: DefaultTransport.Kind) async throws {
        let stub = try OpenAIStub()
        defer { stub.stop() }
        _ = try await model(stub, kind: kind, apiKey: "sk-test-abcdefghijklmnop").complete(ProviderFixtures.chat())
        _ = try await model(stub, kind: kind).complete(ProviderFixtures.chat())
        #expect(stub.requests.map { $0.header("authorization") } == ["Bearer sk-test-abcdefghijklmnop", nil])
        #expect(stub.requests.allSatisfy { $0.header("content-type") == "application/json" })
    }

    @Test(arguments: ProviderFixtures.transportKinds)
    func cutOffBodyIsATransportFaultAndRetried(kind: DefaultTransport.Kind) async throws {
        let stub = try OpenAIStub(answer: { _ in "fine" })
        defer { stub.stop() }
        stub.enqueue(.malformedJSON, .truncated)
        let log = CallLog()
        let clock = TestClock()
        let client = model(stub, kind: kind, clock: clock)
        let response = try await CallContext.$log.withValue(log) { try await client.complete(ProviderFixtures.chat()) }
        #expect(response.text == "fine")
        #expect(response.record.attempts == 3)
        #expect(stub.requestCount == 3)
        #expect(clock.sleeps == [.milliseconds(500), .seconds(1)])
        #expect(log.records.map(\.errorClass) == [nil])
    }

    @Test(arguments: ProviderFixtures.transportKinds)
    func cutOffBodiesToTheEndAreTransportNotInvalidOutput(kind: DefaultTransport.Kind) async throws {
        let stub = try OpenAIStub()
        defer { stub.stop() }
        stub.enqueue(Array(repeating: StubFault.malformedJSON, count: 4))
        let log = CallLog()
        let client = model(stub, kind: kind)
        let error = await CallContext.$log.withValue(log) {
            await ProviderFixtures.modelError { try await client.complete(ProviderFixtures.chat()) }
        }
        #expect(error?.errorClass == "transport")
        #expect(error?.status == 200)
        #expect(error?.attempts == 4)
        #expect(error?.detail.hasPrefix("HTTP 200 from 127.0.0.1:\(stub.server.port)/v1/chat/completions: the body is not complete JSON (64 bytes; "
                                        + "cut off or garbled on the way): {\"id\": \"stub\"") == true, "\(String(describing: error))")
        #expect(error?.detail.hasSuffix("; gave up after 4 attempts") == true)
        #expect(stub.requestCount == 4)
        #expect(log.records.map(\.errorClass) == ["transport"])
        #expect(log.records.first?.costUSD == 0)
    }

    @Test(arguments: ProviderFixtures.transportKinds)
    func wellFormedAnswerWithTheWrongShapeIsInvalidOutputAndNotRetried(kind: DefaultTransport.Kind) async throws {
        let stub = try OpenAIStub()
        defer { stub.stop() }
        stub.enqueue(.status(200, body: #"{"choices": []}"#))
        let clock = TestClock()
        let error = await ProviderFixtures.modelError { try await model(stub, kind: kind, clock: clock).complete(ProviderFixtures.chat()) }
        #expect(error?.errorClass == "invalid_output")
        #expect(error?.attempts == 1)
        #expect(error?.detail == #"the chat completion has no choices[0].message.content: {"choices": []}"#)
        #expect(stub.requestCount == 1)
        #expect(clock.sleeps.isEmpty)
    }

    @Test(arguments: ProviderFixtures.transportKinds)
    func scriptedContentIsReturnedVerbatim(kind: DefaultTransport.Kind) async throws {
        let stub = try OpenAIStub(answer: { _ in #"{"category": "billing"}"# })
        defer { stub.stop() }
        stub.enqueue(.content(#"{"category": "refund_request"}"#))
        let client = model(stub, kind: kind)
        #expect(try await client.complete(ProviderFixtures.chat()).text == #"{"category": "refund_request"}"#)
        #expect(try await client.complete(ProviderFixtures.chat()).text == #"{"category": "billing"}"#)
    }

    /// Without `usage`, tokens are estimated as characters / 4 (rounded up).
    @Test(arguments: ProviderFixtures.transportKinds)
    func missingUsageIsEstimated(kind: DefaultTransport.Kind) async throws {
        let server = try LoopbackServer { _ in
            .json(#"{"choices": [{"index": 0, "message": {"role": "assistant", "content": "twelve chars"}}]}"#)
        }
        defer { server.stop() }
        let config = ProviderFixtures.openAIConfig(server.baseURL.appendingPathComponent("v1"))
        let client = OpenAIChatModel(config: config, transport: ProviderFixtures.transport(clock: TestClock(), kind: kind))
        let response = try await client.complete(ChatRequest(messages: [.user("0123456789")]))
        #expect(response.inputTokens == 3)
        #expect(response.outputTokens == 3)
    }

    @Test(arguments: ProviderFixtures.transportKinds)
    func missingContentIsInvalidOutput(kind: DefaultTransport.Kind) async throws {
        let server = try LoopbackServer { _ in .json(#"{"choices": []}"#) }
        defer { server.stop() }
        let config = ProviderFixtures.openAIConfig(server.baseURL.appendingPathComponent("v1"))
        let client = OpenAIChatModel(config: config, transport: ProviderFixtures.transport(clock: TestClock(), kind: kind))
        let error = await ProviderFixtures.modelError { try await client.complete(ProviderFixtures.chat()) }
        #expect(error?.description == #"invalid_output (HTTP 200, 1 attempt): the chat completion has no choices[0].message.content: {"choices": []}"#)
    }

    /// The key never reaches an error description or a call record, even when the server echoes it.
    @Test(arguments: ProviderFixtures.transportKinds)
    func apiKeyNeverAppearsInErrorsOrRecords(kind: DefaultTransport.Kind) async throws {
        let key = "sk-proj-\(UUID().uuidString.replacingOccurrences(of: "-", with: ""))"
        let stub = try OpenAIStub()
        defer { stub.stop() }
        stub.enqueue(.status(401, body: #"{"error": {"message": "Incorrect API key provided: \#(key). You can find your API key at https://platform.openai.com/account/api-keys.", "type": "invalid_request_error", "code": "invalid_api_key"}}"#))
        let log = CallLog()
        let client = model(stub, kind: kind, apiKey: key)
        let error = await CallContext.$log.withValue(log) {
            await ProviderFixtures.modelError { try await client.complete(ProviderFixtures.chat()) }
        }
        let found = try #require(error)
        #expect(found.errorClass == "client_error")
        #expect(found.status == 401)
        #expect(!found.description.contains(key))
        #expect(!found.detail.contains(key))
        #expect(!String(describing: found).contains(key))
        #expect(found.description.contains("Incorrect API key provided: [redacted]."))
        let records = String(decoding: try JSONEncoder().encode(log.records), as: UTF8.self)
        #expect(!records.contains(key))
        #expect(log.records.map(\.errorClass) == ["client_error"])
    }
}
