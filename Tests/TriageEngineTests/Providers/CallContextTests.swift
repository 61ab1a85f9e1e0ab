import Foundation
import LoopbackServer
import Testing
@testable import TriageEngine

/// Task-local call context: each scenario's calls land in its own log with its own purpose, also when
/// scenarios run concurrently.
@Suite struct CallContextTests {
    @Test func defaults() {
        #expect(CallContext.log == nil)
        #expect(CallContext.purpose == "unspecified")
        #expect(CallContext.cacheSalt == "0")
    }

    @Test func concurrentScenariosKeepTheirOwnLogs() async throws {
        let stub = try OpenAIStub(latency: .milliseconds(20))
        defer { stub.stop() }
        let client = OpenAIChatModel(config: ProviderFixtures.openAIConfig(stub.baseURL),
                                     transport: ProviderFixtures.transport(clock: TestClock()))
        let logs = (0..<8).map { _ in CallLog() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, log) in logs.enumerated() {
                group.addTask {
                    try await CallContext.$log.withValue(log) {
                        try await CallContext.$purpose.withValue("stage1") { _ = try await client.complete(ProviderFixtures.chat("\(index)")) }
                        try await CallContext.$purpose.withValue("reply") { _ = try await client.complete(ProviderFixtures.chat("\(index)!")) }
                    }
                }
            }
            try await group.waitForAll()
        }
        for log in logs {
            #expect(log.records.map(\.purpose) == ["stage1", "reply"])
        }
        #expect(stub.requestCount == 16)
    }

    @Test func recordsRoundTripThroughJSON() throws {
        let record = CallRecord(provider: "openai", model: "m", purpose: "judge", status: nil, attempts: 4, latencyMs: 12.5,
                                inputTokens: 1, outputTokens: 2, costUSD: 0.5, errorClass: "timeout", cached: false, requestHash: "ab")
        let decoded = try JSONDecoder().decode(CallRecord.self, from: JSONEncoder().encode(record))
        #expect(decoded == record)
        let log = CallLog()
        log.append(record)
        #expect(log.drain() == [record])
        #expect(log.records.isEmpty)
    }

    @Test func modelConfigCostAndDefaults() {
        let openai = ModelConfig(name: "a", provider: .openai, model: "m", inputPricePerMillion: 0.15, outputPricePerMillion: 0.6)
        #expect(abs(openai.cost(inputTokens: 1_000_000, outputTokens: 500_000) - 0.45) < 1e-12)
        #expect(openai.structuredOutput)
        #expect(openai.resolvedBaseURL.absoluteString == "https://api.openai.com/v1")
        let anthropic = ModelConfig(name: "b", provider: .anthropic, model: "m")
        #expect(!anthropic.structuredOutput)
        #expect(anthropic.resolvedBaseURL.absoluteString == "https://api.anthropic.com/v1")
        let keyed = ModelConfig(name: "c", provider: .openai, model: "m", apiKeyEnv: "TRIAGE_TEST_KEY")
        #expect(keyed.apiKey(environment: ["TRIAGE_TEST_KEY": " sk-x \n"]) == "sk-x")
        #expect(keyed.apiKey(environment: ["TRIAGE_TEST_KEY": ""]) == nil)
        #expect(keyed.apiKey(environment: [:]) == nil)
    }
}
