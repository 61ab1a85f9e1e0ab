/// A store migrated by a newer triage-eval than this one: refused before anything is read or written, since
/// this version would write rows the newer schema does not have (a team's CI runners upgrade one at a time).
public struct NewerStoreSchema: Error, CustomStringConvertible {
    /// The store, as the user named it.
    public var location: String
    /// The applied schema versions this triage-eval does not know, in order.
    public var unknownVersions: [String]
    /// The newest version this triage-eval knows.
    public var newestKnown: String

    /// Whether `applied` holds versions beyond `known`; nil when it does not.
    static func check(location: String, applied: Set<String>, known: [String]) -> NewerStoreSchema? {
        let unknown = applied.subtracting(known).sorted()
        guard !unknown.isEmpty, let newest = known.last else { return nil }
        return NewerStoreSchema(location: location, unknownVersions: unknown, newestKnown: newest)
    }

    /// What happened and what to do (callers name the store before it: "cannot open the store X: …").
    public var description: String {
        "migrated by a newer triage-eval (schema \(unknownVersions.map { "\"\($0)\"" }.joined(separator: ", ")); "
            + "this one knows up to \"\(newestKnown)\"): upgrade triage-eval here, or use a store of its own"
    }
}
