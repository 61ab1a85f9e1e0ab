import TriageEngine

/// One test case: a ticket, the labels it should get, and assertions on the formatted reply.
public struct Scenario: Sendable, Equatable {
    /// Unique id across all loaded suites.
    public var id: String
    /// The suite it belongs to.
    public var suite: String
    /// The ticket.
    public var ticket: Ticket
    /// The labels it should get (only the keys given are checked).
    public var expect: Expectation
    /// Assertions on the formatted reply.
    public var reply: [ReplyAssertion]
    /// Free-form tags.
    public var tags: [String]
    /// 1-based line of the scenario in its file.
    public var line: Int
    /// Conversation-quality checks on the ticket's messages and the reply; nil for none.
    public var quality: QualityExpectation? = nil
}
