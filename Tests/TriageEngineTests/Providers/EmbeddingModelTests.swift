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
        (#"[1, 2"#, "the embeddings response is not JSON"),
    ])
    func badShapesAreInvalidOutput(body: String, detailPrefix: String) async throws {
        let server = try LoopbackServer { _ in .json(body) }
        defer { server.stop() }
        let error = await ProviderFixtures.modelError { try await client(server.baseURL).embed(["only"]) }
        #expect(error?.errorClass == "invalid_output")
        #expect(error?.detail.hasPrefix(detailPrefix) == true, "\(String(describing: error))")
    }

    @Test func emptyInputMakesNoRequest() async throws {
        let stub = try OpenAIStub()
        defer { stub.stop() }
        #expect(try await client(stub.baseURL).embed([]).isEmpty)
        #expect(stub.requestCount == 0)
    }

    /// FNV-1a 64 reference vectors from the FNV specification (draft-eastlake-fnv).
    @Test(arguments: [("", 0xcbf2_9ce4_8422_2325), ("a", 0xaf63_dc4c_8601_ec8c), ("foobar", 0x8594_4171_f739_67e8)] as [(String, UInt64)])
    func fnv1a64MatchesReference(text: String, hash: UInt64) {
        #expect(HashedEmbeddingModel.fnv1a64(text) == hash)
    }

    @Test func hashedEmbeddingIsDeterministicAndNormalised() async throws {
        let model = HashedEmbeddingModel()
        let vectors = try await model.embed(["Refund my ORDER please", "refund my order, please!", "zzz"])
        #expect(vectors.allSatisfy { $0.count == 512 })
        #expect(vectors[0] == vectors[1])
        for vector in vectors {
            #expect(abs(vector.reduce(0) { $0 + $1 * $1 } - 1) < 1e-12)
        }
        #expect(HashedEmbeddingModel.vector("   ...  ") == [Double](repeating: 0, count: 512))
    }

    /// " zzz " has 3 trigrams; "zzz" occurs once, so the vector has known bucket counts.
    @Test func hashedEmbeddingUsesPaddedTrigrams() {
        let vector = HashedEmbeddingModel.vector("ab")
        // " ab" and "ab " : two trigrams, each ±1 in its bucket, normalised by sqrt(2).
        var expected = [Double](repeating: 0, count: 512)
        for trigram in [" ab", "ab "] {
            let hash = HashedEmbeddingModel.fnv1a64(trigram)
            expected[Int(hash % 512)] += (hash >> 63) == 0 ? 1 : -1
        }
        let norm = expected.reduce(0) { $0 + $1 * $1 }.squareRoot()
        #expect(vector == expected.map { $0 / norm })
        #expect(vector.filter { $0 != 0 }.count == 2)
    }

    @Test func similarTextsAreCloserThanUnrelatedOnes() {
        let refund = HashedEmbeddingModel.vector("I want a refund for my order")
        let refunds = HashedEmbeddingModel.vector("requesting refunds for two orders")
        let password = HashedEmbeddingModel.vector("cannot reset password login")
        #expect(VectorMath.cosine(refund, refunds) > VectorMath.cosine(refund, password))
    }

    @Test(arguments: [
        ([1.0, 0], [1.0, 0], 1.0), ([1.0, 0], [0.0, 1], 0.0), ([1.0, 2], [-1.0, -2], -1.0),
        ([3.0, 4], [6.0, 8], 1.0), ([1.0, 0], [1.0, 1], 0.5.squareRoot()),
        ([0.0, 0], [1.0, 1], 0.0), ([1.0], [1.0, 0], 0.0), ([], [], 0.0),
    ] as [([Double], [Double], Double)])
    func cosine(a: [Double], b: [Double], expected: Double) {
        #expect(abs(VectorMath.cosine(a, b) - expected) < 1e-12)
    }
}
