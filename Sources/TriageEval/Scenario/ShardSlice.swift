/// One shard of a run split across processes: shard `index` of `count` (1-based, as `--shard K/N` writes
/// it). A scenario belongs to the shard its stable hash picks: FNV-1a (64-bit) of `suite`, a NUL byte and
/// the scenario id, modulo `count`. The hash depends on nothing but those two names (not on the process, the
/// order of the files or the other scenarios), so adding a scenario moves no other one to another shard.
public struct ShardSlice: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The shard, 1...count.
    public let index: Int
    /// How many shards the run is split into.
    public let count: Int

    /// Creates a slice; nil unless `1 <= index <= count`.
    public init?(index: Int, count: Int) {
        guard count >= 1, (1...count).contains(index) else { return nil }
        self.index = index
        self.count = count
    }

    /// Reads `K/N`.
    /// - Throws: ``ShardSlice/SyntaxError`` naming what was expected.
    public init(parsing text: String) throws(SyntaxError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else { throw SyntaxError(text: text, reason: "expected K/N, e.g. 2/8") }
        guard count >= 1 else { throw SyntaxError(text: text, reason: "the shard count N must be at least 1") }
        guard let slice = ShardSlice(index: index, count: count) else { throw SyntaxError(text: text, reason: "the shard K must be between 1 and \(count)") }
        self = slice
    }

    /// `K/N`.
    public var description: String { "\(index)/\(count)" }

    /// Whether the scenario `id` of `suite` belongs to this shard.
    public func contains(suite: String, id: String) -> Bool {
        Int(Self.hash(suite: suite, id: id) % UInt64(count)) == index - 1
    }

    /// FNV-1a, 64-bit, of the UTF-8 of `suite`, a NUL byte and `id`.
    public static func hash(suite: String, id: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ byte: UInt8) {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        for byte in suite.utf8 { mix(byte) }
        mix(0)
        for byte in id.utf8 { mix(byte) }
        return hash
    }

    /// A `--shard` value that is not `K/N` with 1 <= K <= N.
    public struct SyntaxError: Error, CustomStringConvertible, Equatable {
        /// The value as given.
        public var text: String
        /// What was expected.
        public var reason: String
        /// The message.
        public var description: String { "invalid shard \"\(text)\": \(reason)" }
    }
}
