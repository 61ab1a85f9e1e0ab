/// A stored run as a user names it: its number, `latest` for the newest run in the store, or `group:NAME`
/// for the shards of a group taken as one run (see ``RunGroup``).
public enum RunReference: Sendable, Hashable, LosslessStringConvertible {
    /// The run with this id.
    case id(Int64)
    /// The newest run.
    case latest
    /// The shards of a group, merged.
    case group(String)

    /// Reads `latest`, a run number or `group:NAME`; nil for anything else.
    public init?(_ text: String) {
        if text == "latest" {
            self = .latest
        } else if text.hasPrefix("group:") {
            let name = String(text.dropFirst("group:".count))
            guard GroupShard.problem(withName: name) == nil else { return nil }
            self = .group(name)
        } else if let id = Int64(text), id > 0 {
            self = .id(id)
        } else {
            return nil
        }
    }

    /// `latest`, the run number or `group:NAME`, as the user wrote it.
    public var description: String {
        switch self {
        case .id(let id): return String(id)
        case .latest: return "latest"
        case .group(let name): return "group:" + name
        }
    }

    /// The run id this names in `store`, or nil when the store has no such run; a group names its
    /// representative shard (``RunGroup/representative``), which stands for the whole group as a baseline.
    public func resolve(in store: any RunStore) throws -> Int64? {
        switch self {
        case .id(let id): return try store.run(id) == nil ? nil : id
        case .latest: return try store.latestRunID()
        case .group(let name): return try RunGroup.load(name, from: store)?.representative.id
        }
    }
}
