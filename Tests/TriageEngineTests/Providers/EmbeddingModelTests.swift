import Foundation
import LoopbackServer
import Testing
@testable import TriageEngine

/// The OpenAI embeddings client against the stub, the hashed offline embedding and cosine similarity.
@Suite struct EmbeddingModelTests {
    private func client(_ baseURL: URL) -> OpenAIEmbeddingModel {
        let config = ModelConfig(name: "embed", provider: .openai, baseURL: baseURL, model: "embed-test",
                                 inputPricePerMillion: 0.02)
        return OpenAIEmbeddingModel(config: config, transport: ProviderFixtures.transport(clock: TestClock()))
    }

    @Test func embedsInInputOrderAndRecordsTheCall() async throws {
        let stub = try OpenAIStub(promptTokens: 5, embedding: { [Double($0.count), 1] })
        defer { stub.stop() }
        let log = CallLog()
        let vectors = try await CallContext.$log.withValue(log) {
            try await CallContext.$purpose.withValue("embedding") { try await client(stub.baseURL).embed(["a", "bbb"]) }
        }
        #expect(vectors == [[1, 1], [3, 1]])
        let sent = try #require(stub.requests.first)
        #expect(sent.path == "/v1/embeddings")
        #expect(sent.bodyText == #"{"input":["a","bbb"],"model":"embed-test"}"#)
        #expect(log.records.map(\.purpose) == ["embedding"])
        #expect(log.records.first?.inputTokens == 5)
        #expect(log.records.first?.outputTokens == 0)
    }

    @Test func nestedEmbeddingIsFlattened() async throws {
        let stub = try OpenAIStub(embedding: { _ in [0.5, -0.5, 0.25] })
        defer { stub.stop() }
        stub.enqueue(.nestedEmbedding)
        let vectors = try await client(stub.baseURL).embed(["x", "y"])
        #expect(vectors == [[0.5, -0.5, 0.25], [0.5, -0.5, 0.25]])
        #expect(stub.requests.first.map { $0.path } == "/v1/embeddings")
    }

    @Test func itemsAreOrderedByIndex() async throws {
        let server = try LoopbackServer { _ in
            .json(#"{"data": [{"index": 1, "embedding": [2.0]}, {"index": 0, "embedding": [1.0]}], "usage": {"prompt_tokens": 2}}"#)
        }
        defer { server.stop() }
        #expect(try await client(server.baseURL).embed(["first", "second"]) == [[1], [2]])
    }

    @Test(arguments: [
        (#"{"data": [{"index": 0, "embedding": "nope"}]}"#, "data[0].embedding is not an array of numbers"),
        (#"{"data": [{"index": 0, "embedding": [[1.0], [2.0]]}]}"#, "data[0].embedding is not an array of numbers"),
        (#"{"data": [{"index": 0, "embedding": []}]}"#, "data[0].embedding is not an array of numbers"),
        (#"{"data": []}"#, "the embeddings response has 0 vectors for 1 inputs"),
        (#"{"data": [{"index": 3, "embedding": [1.0]}]}"#, "the embeddings response indices are not 0..<1"),
        (#"{"object": "list"}"#, "the embeddings response has no data array"),
    ])
    func badShapesAreInvalidOutput(body: String, detailPrefix: String) async throws {
        let server = try LoopbackServer { _ in .json(body) }
        defer { server.stop() }
        let error = await ProviderFixtures.modelError { try await client(server.baseURL).embed(["only"]) }
        #expect(error?.errorClass == "invalid_output")
        #expect(error?.detail.hasPrefix(detailPrefix) == true, "\(String(describing: error))")
    }

    /// A body cut off inside the JSON is a transport fault, retried, not a wrong answer.
    @Test func cutOffBodyIsTransport() async throws {
        let server = try LoopbackServer { _ in .json(#"[1, 2"#) }
        defer { server.stop() }
        let error = await ProviderFixtures.modelError { try await client(server.baseURL).embed(["only"]) }
        #expect(error?.errorClass == "transport")
        #expect(error?.attempts == 4)
        #expect(error?.detail.hasPrefix("HTTP 200 from 127.0.0.1:\(server.port)/embeddings: the body is not complete JSON (5 bytes; ") == true,
                "\(String(describing: error))")
    }

    @Test func emptyInputMakesNoRequest() async throws {
        let stub = try OpenAIStub()
        defer { stub.stop() }
        #expect(try await client(stub.baseURL).embed([]).isEmpty)
        #expect(stub.requestCount == 0)
    }
}
