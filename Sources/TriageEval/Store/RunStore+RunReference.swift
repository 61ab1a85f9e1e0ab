extension RunStore {
    /// The run a reference names, or nil when the store has no such run.
    public func run(_ reference: RunReference) throws -> StoredRun? {
        guard let id = try reference.resolve(in: self) else { return nil }
        return try run(id)
    }
}
