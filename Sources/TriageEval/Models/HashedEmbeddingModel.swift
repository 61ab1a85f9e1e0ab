import Foundation
import TriageEngine

/// A deterministic offline embedding: no model, no network, the same vector for the same text everywhere.
///
/// The text is lowercased and split into words (runs of letters and digits); each word, padded with a
/// space on both sides, contributes its character trigrams. Each trigram is hashed with FNV-1a 64 into one
/// of ``dimensions`` buckets, adding +1 or -1 by a sign bit of the hash; the vector is L2-normalised.
public struct HashedEmbeddingModel: EmbeddingModel {
    /// The vector length.
    public static let dimensions = 512

    /// The model name, as it appears in reports.
    public let name: String

    /// Creates the model.
    public init(name: String = "hashed-trigram-512") { self.name = name }

    /// Embeds each text.
    public func embed(_ texts: [String]) async throws -> [[Double]] { texts.map(Self.vector) }

    /// The embedding of one text (all zeros for a text without words).
    public static func vector(_ text: String) -> [Double] {
        var vector = [Double](repeating: 0, count: dimensions)
        let words = text.lowercased().split { !($0.isLetter || $0.isNumber) }
        for word in words {
            let padded = Array(" \(word) ")
            for start in 0...(padded.count - 3) {
                let hash = fnv1a64(String(padded[start..<start + 3]))
                let bucket = Int(hash % UInt64(dimensions))
                vector[bucket] += (hash >> 63) == 0 ? 1 : -1
            }
        }
        let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return norm > 0 ? vector.map { $0 / norm } : vector
    }

    /// FNV-1a 64 of the UTF-8 bytes.
    static func fnv1a64(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }
}
