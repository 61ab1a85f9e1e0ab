/// A classifier of tickets: the built-in lexical engine, or a model-backed one.
public protocol TicketClassifier: Sendable {
    /// Classifies the ticket at a stage: stage 1 sees the customer's words before any agent reply, stage 2 the
    /// whole conversation.
    func classify(_ ticket: Ticket, stage: Int) async throws -> Classification
}
