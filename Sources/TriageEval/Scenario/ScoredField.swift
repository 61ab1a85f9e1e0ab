/// What a run's accuracy is measured on per field, and what a `fields:` gate may name: one of the
/// expectation fields, or the scenario's reply assertions taken together.
public enum ScoredField: Hashable, Sendable, CaseIterable, RawRepresentable, Codable, CodingKeyRepresentable, CustomStringConvertible {
    /// An expected label.
    case expectation(Expectation.Field)
    /// The reply assertions.
    case reply

    /// Every field in report order: the expectation fields, then `reply`.
    public static let allCases: [ScoredField] = Expectation.Field.allCases.map(ScoredField.expectation) + [.reply]

    /// The names, in report order, for "expected one of" messages.
    public static var names: [String] { allCases.map(\.rawValue) }

    /// Reads a name as written in suite files and flags (`category`, …, `reply`).
    public init?(rawValue: String) {
        if rawValue == "reply" { self = .reply } else if let field = Expectation.Field(rawValue: rawValue) { self = .expectation(field) } else { return nil }
    }

    /// The name as written in suite files and reports.
    public var rawValue: String {
        switch self {
        case .expectation(let field): return field.rawValue
        case .reply: return "reply"
        }
    }

    /// The name as written in suite files and reports.
    public var description: String { rawValue }
}
