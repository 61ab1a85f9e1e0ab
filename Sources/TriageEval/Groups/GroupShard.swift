/// The group a shard run belongs to and which shard it is (stored with the run: `run.group_name`,
/// `run.shard_index`, `run.shard_count`).
public struct GroupShard: Sendable, Hashable, Codable {
    /// The group's name, shared by every shard of one logical run (e.g. a CI pipeline id).
    public var group: String
    /// Which shard of how many.
    public var slice: ShardSlice

    /// Creates a membership.
    public init(group: String, slice: ShardSlice) {
        self.group = group
        self.slice = slice
    }

    /// Why a group name is unusable, or nil when it is fine: 1 to 100 characters of letters, digits, `.`, `_`, `-`.
    public static func problem(withName name: String) -> String? {
        if name.isEmpty { return "a group name must not be empty" }
        if name.count > 100 { return "a group name has at most 100 characters" }
        let allowed = name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)) }
        return allowed ? nil : "a group name may contain only letters, digits, '.', '_' and '-', got \"\(name)\""
    }
}
