extension RunStore {
    /// The run a reference names, or nil when the store has no such run; a group gives its merged run
    /// (``RunGroup/run``), whose id is its representative shard's.
    public func run(_ reference: RunReference) throws -> StoredRun? {
        if case .group(let name) = reference { return try RunGroup.load(name, from: self)?.run }
        guard let id = try reference.resolve(in: self) else { return nil }
        return try run(id)
    }
}
