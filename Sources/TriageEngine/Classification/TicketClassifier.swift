/// A classifier of tickets: the built-in lexical engine, or a model-backed one.
public protocol TicketClassifier: Sendable {
    /// Classifies the ticket at a stage: stage 1 sees the customer's words before any agent reply, stage 2 the
    /// whole conversation.
    func classify(_ ticket: Ticket, stage: Int) async throws -> Classification

    /// Classifies stage 1, and stage 2 when an agent has replied. The pipeline calls this, so a classifier
    /// whose stage 2 builds on stage 1 (``LLMClassifier``) runs stage 1 once.
    func classifyBoth(_ ticket: Ticket) async throws -> (stage1: Classification, stage2: Classification?)
}

extension TicketClassifier {
    /// Classifies the two stages independently.
    public func classifyBoth(_ ticket: Ticket) async throws -> (stage1: Classification, stage2: Classification?) {
        let stage1 = try await classify(ticket, stage: 1)
        let stage2 = ticket.hasAgentReply ? try await classify(ticket, stage: 2) : nil
        return (stage1, stage2)
    }
}
