import TriageEngine

extension GateSet {
    /// Checks that every category recall gate names a category of the taxonomy, as a suite file's
    /// `category_recall:` block is checked; the message is the suite file's.
    public func check(against taxonomy: Taxonomy) throws(GateSetError) {
        for category in categoryRecall.keys.sorted() where !taxonomy.categoryNames.contains(category) {
            throw GateSetError("unknown category \"\(category)\"; expected one of: \(taxonomy.categoryNames.joined(separator: ", "))")
        }
    }
}
