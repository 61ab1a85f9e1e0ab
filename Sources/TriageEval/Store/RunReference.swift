/// A stored run as a user names it: its number, or `latest` for the newest run in the store.
public enum RunReference: Sendable, Hashable, LosslessStringConvertible {
    /// The run with this id.
    case id(Int64)
    /// The newest run.
    case latest

    /// Reads `latest` or a run number; nil for anything else.
    public init?(_ text: String) {
        if text == "latest" { self = .latest } else if let id = Int64(text), id > 0 { self = .id(id) } else { return nil }
    }

    /// `latest` or the run number, as the user wrote it.
    public var description: String {
        switch self {
        case .id(let id): return String(id)
        case .latest: return "latest"
        }
    }

    /// The run id this names in `store`, or nil when the store has no such run.
    public func resolve(in store: any RunStore) throws -> Int64? {
        switch self {
        case .id(let id): return try store.run(id) == nil ? nil : id
        case .latest: return try store.latestRunID()
        }
    }
}
