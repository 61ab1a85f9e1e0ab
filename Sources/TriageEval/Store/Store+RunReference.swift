extension Store {
    /// The run a reference names, or nil when the store has no such run.
    public func run(_ reference: RunReference) throws -> StoredRun? {
        guard let id = try reference.resolve(in: self) else { return nil }
        return try run(id)
    }

    /// The report of the run a reference names, or nil when the store has no such run.
    public func report(_ reference: RunReference) throws -> RunReport? {
        guard let id = try reference.resolve(in: self) else { return nil }
        return try report(run: id)
    }

    /// The results and calls of the run a reference names, ready to compare; nil when there is no such run.
    public func comparisonInput(_ reference: RunReference, name: String? = nil) throws -> Comparison.Input? {
        guard let id = try reference.resolve(in: self) else { return nil }
        return try comparisonInput(run: id, name: name)
    }
}
