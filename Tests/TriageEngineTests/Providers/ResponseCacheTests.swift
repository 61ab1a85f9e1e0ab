import Foundation
import LoopbackServer
import Testing
@testable import TriageEngine

/// Response caching: hits replay the original answer and latency without a request; replay mode never
/// calls the provider.
@Suite struct ResponseCacheTests {
    /// Pinned against Python: hashlib.sha256(b'openai\nhttp://127.0.0.1:8088/v1\nsmollm2\n{"model":"smollm2"}\n3').hexdigest()
    /// (the harness salts with the repeat index, so a repeat-3 key is unchanged from before salts existed).
    @Test func keyIsSHA256OfTheDocumentedFields() {
        let key = ResponseCacheKey.make(provider: "openai", baseURL: "http://127.0.0.1:8088/v1", model: "smollm2",
                                        body: Data(#"{"model":"smollm2"}"#.utf8), salt: "3")
        #expect(key == "4937d4fcfce5138cb905c01d71b9fe861911530eb334d8c897fedf0d31005fe2")
    }

    @Test func hitReturnsOriginalLatencyAndCachedWithoutARequest() async throws {
        let stub = try OpenAIStub(promptTokens: 100, completionTokens: 10, latency: .milliseconds(60), answer: { _ in "billing" })
        defer { stub.stop() }
        let cache = MemoryResponseCache()
        let client = OpenAIChatModel(config: ProviderFixtures.openAIConfig(stub.baseURL),
                                     transport: ProviderFixtures.transport(clock: TestClock()), cache: cache)
        let log = CallLog()
        let (live, replayed) = try await CallContext.$log.withValue(log) {
            (try await client.complete(ProviderFixtures.chat()), try await client.complete(ProviderFixtures.chat()))
        }
        #expect(stub.requestCount == 1)
        #expect(live.record.cached == false)
        #expect(live.record.latencyMs >= 60)
        #expect(replayed.text == "billing")
        #expect(replayed.record.cached == true)
        #expect(replayed.record.latencyMs == live.record.latencyMs)
        #expect(replayed.record.attempts == 0)
        #expect(replayed.record.inputTokens == 100)
        #expect(replayed.record.outputTokens == 10)
        #expect(replayed.record.costUSD == live.record.costUSD)
        #expect(replayed.record.requestHash == live.record.requestHash)
        #expect(log.records.map(\.cached) == [false, true])
    }

    @Test func cacheSaltSeparatesEntries() async throws {
        let stub = try OpenAIStub()
        defer { stub.stop() }
        let client = OpenAIChatModel(config: ProviderFixtures.openAIConfig(stub.baseURL),
                                     transport: ProviderFixtures.transport(clock: TestClock()), cache: MemoryResponseCache())
        for index in [0, 1, 0, 1] {
            _ = try await CallContext.$cacheSalt.withValue(String(index)) { try await client.complete(ProviderFixtures.chat()) }
        }
        #expect(stub.requestCount == 2)
    }

    @Test func replayOnlyMissIsAClearErrorWithoutARequest() async throws {
        let stub = try OpenAIStub()
        defer { stub.stop() }
        let log = CallLog()
        let client = OpenAIChatModel(config: ProviderFixtures.openAIConfig(stub.baseURL),
                                     transport: ProviderFixtures.transport(clock: TestClock()),
                                     cache: MemoryResponseCache(), cacheMode: .replayOnly)
        let error = await CallContext.$log.withValue(log) {
            await ProviderFixtures.modelError { try await client.complete(ProviderFixtures.chat()) }
        }
        #expect(error?.detail == "no cached response for openai gpt-test; the cache mode is replay only")
        #expect(error?.errorClass == "replay_miss")
        #expect(error.map { if case .replayMiss = $0 { true } else { false } } == true)
        #expect(error?.isRetryable == false)
        #expect(stub.requestCount == 0)
        #expect(log.records.map(\.errorClass) == ["replay_miss"])
    }

    /// A recorded run replays with the provider gone.
    @Test func replayOnlyHitNeedsNoServer() async throws {
        let cache = MemoryResponseCache()
        let stub = try OpenAIStub(answer: { _ in "billing" })
        let config = ProviderFixtures.openAIConfig(stub.baseURL)
        _ = try await OpenAIChatModel(config: config, transport: ProviderFixtures.transport(clock: TestClock()), cache: cache)
            .complete(ProviderFixtures.chat())
        stub.stop()
        let replay = OpenAIChatModel(config: config, transport: ProviderFixtures.transport(clock: TestClock()),
                                     cache: cache, cacheMode: .replayOnly)
        let response = try await replay.complete(ProviderFixtures.chat())
        #expect(response.text == "billing")
        #expect(response.record.cached)
    }

    @Test func bypassNeitherReadsNorWrites() async throws {
        let stub = try OpenAIStub()
        defer { stub.stop() }
        let cache = MemoryResponseCache()
        let client = OpenAIChatModel(config: ProviderFixtures.openAIConfig(stub.baseURL),
                                     transport: ProviderFixtures.transport(clock: TestClock()), cache: cache, cacheMode: .bypass)
        _ = try await client.complete(ProviderFixtures.chat())
        _ = try await client.complete(ProviderFixtures.chat())
        #expect(stub.requestCount == 2)
        #expect(await cache.count == 0)
    }

    /// Failures are not cached: the next call asks the provider again.
    @Test func failuresAreNotCached() async throws {
        let stub = try OpenAIStub()
        defer { stub.stop() }
        stub.enqueue(.status(200, body: #"{"choices": []}"#))
        let cache = MemoryResponseCache()
        let client = OpenAIChatModel(config: ProviderFixtures.openAIConfig(stub.baseURL),
                                     transport: ProviderFixtures.transport(clock: TestClock()), cache: cache)
        _ = await ProviderFixtures.modelError { try await client.complete(ProviderFixtures.chat()) }
        #expect(await cache.count == 0)
        _ = try await client.complete(ProviderFixtures.chat())
        #expect(stub.requestCount == 2)
    }

    /// The structured-output fallback does not change the cache key: it is computed from the intended request.
    @Test func fallbackKeepsTheCacheKey() async throws {
        let stub = try OpenAIStub()
        defer { stub.stop() }
        stub.enqueue(.status(400, body: #"{"error": {"message": "response_format is not supported"}}"#))
        let cache = MemoryResponseCache()
        let config = ProviderFixtures.openAIConfig(stub.baseURL)
        var request = ProviderFixtures.chat()
        request.jsonSchema = OpenAIChatModelTests.schema
        let live = try await OpenAIChatModel(config: config, transport: ProviderFixtures.transport(clock: TestClock()), cache: cache)
            .complete(request)
        let replayed = try await OpenAIChatModel(config: config, transport: ProviderFixtures.transport(clock: TestClock()),
                                                 cache: cache, cacheMode: .replayOnly).complete(request)
        #expect(replayed.record.requestHash == live.record.requestHash)
        #expect(replayed.record.cached)
    }
}
