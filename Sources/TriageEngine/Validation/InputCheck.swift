/// What ``InputValidator/check(_:)`` found: the cleaned ticket, the input signals raised, and the
/// prompt-injection finding when there is one.
public struct InputCheck: Sendable, Equatable {
    /// The ticket after cleaning (control characters removed, long input cut).
    public var ticket: Ticket
    /// Input signal names in the order raised (``InputValidator/Signal``).
    public var signals: [String]
    /// Set when a customer-written field looks like a prompt injection.
    public var promptInjection: PromptInjectionFinding?
}
