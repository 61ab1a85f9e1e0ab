/// Where a ticket looks like an attempt to instruct the model, and what matched: stored on the
/// ``Decision`` as `promptInjection`, so reports and gates can show and count flagged tickets.
///
/// Holds field names and lexicon phrases or patterns only, never the customer's text.
public struct PromptInjectionFinding: Sendable, Codable, Equatable {
    /// The customer-written fields that matched: `customer`, `subject`, `message 1` (1-based, counting
    /// every message of the conversation), in ticket order.
    public var fields: [String]
    /// The injection phrases (as written in the lexicon) and patterns that matched, without repeats.
    public var matches: [String]

    /// Creates a finding.
    public init(fields: [String], matches: [String]) {
        self.fields = fields
        self.matches = matches
    }
}
