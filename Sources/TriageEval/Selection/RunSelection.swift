/// The selection a run was started with, stored with it (`run.selection_json`): the criteria as given (resolved)
/// and how many of the loaded scenarios they selected. A run whose selection left scenarios out is partial:
/// reports say so, and `baseline set` refuses it unless forced.
public struct RunSelection: Sendable, Codable, Equatable {
    /// The criteria.
    public var criteria: ScenarioSelection
    /// Scenarios selected.
    public var selected: Int
    /// Scenarios in the loaded suites.
    public var total: Int

    /// Creates a stored selection.
    public init(criteria: ScenarioSelection, selected: Int, total: Int) {
        self.criteria = criteria
        self.selected = selected
        self.total = total
    }

    /// Whether scenarios were left out.
    public var isPartial: Bool { selected < total }

    /// One line for reports: `partial: 12 of 103 scenarios (--filter 'refund-*')`, or `all 103 scenarios (…)`.
    public var summary: String {
        let counts = isPartial ? "partial: \(selected) of \(total) scenarios" : "all \(total) scenario\(total == 1 ? "" : "s") selected"
        let flags = criteria.flags
        return flags.isEmpty ? counts : counts + " (\(flags))"
    }

    enum CodingKeys: String, CodingKey { case selected, total, partial, summary }

    /// Encodes the criteria's keys and `selected`, `total`, `partial`, `summary` in one object.
    public func encode(to encoder: any Encoder) throws {
        try criteria.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(selected, forKey: .selected)
        try container.encode(total, forKey: .total)
        try container.encode(isPartial, forKey: .partial)
        try container.encode(summary, forKey: .summary)
    }

    /// Decodes what ``encode(to:)`` wrote.
    public init(from decoder: any Decoder) throws {
        criteria = try ScenarioSelection(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        selected = try container.decode(Int.self, forKey: .selected)
        total = try container.decode(Int.self, forKey: .total)
    }
}
