import Foundation
import Testing
@testable import TriageEval

/// The offline hashed embedding and cosine similarity behind `similar` reply assertions.
@Suite struct HashedEmbeddingModelTests {
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
