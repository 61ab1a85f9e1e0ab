/// A parsed JSON value with the 1-based column (in Unicode scalars) where it starts, so errors about a
/// field can point into the line.
struct JSONNode: Sendable {
    /// The kinds of JSON value.
    enum Kind: Sendable {
        /// An object: members in file order, each with the column of its key.
        case object([(key: String, keyColumn: Int, value: JSONNode)])
        case array([JSONNode])
        case string(String)
        case number(Double)
        case bool(Bool)
        case null
    }

    /// The value.
    let kind: Kind
    /// Where it starts.
    let column: Int

    /// "an object", "a list", "text", … for "expected X, found Y" messages.
    var kindDescription: String {
        switch kind {
        case .object: return "an object"
        case .array: return "a list"
        case .string: return "text"
        case let .number(value): return value == value.rounded() && abs(value) < 1e15 ? "the number \(Int(value))" : "the number \(value)"
        case let .bool(value): return value ? "true" : "false"
        case .null: return "null"
        }
    }
}
