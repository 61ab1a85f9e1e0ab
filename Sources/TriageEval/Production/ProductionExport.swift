import TriageEngine

/// What reading production exports gave: every good conversation and an error for every bad line.
public struct ProductionExport: Sendable {
    /// The conversations of the good lines, in file order.
    public var conversations: [ProductionConversation]
    /// One positioned error per bad line (or unreadable file), in file order.
    public var errors: [LoadError]

    /// Creates a result.
    public init(conversations: [ProductionConversation] = [], errors: [LoadError] = []) {
        self.conversations = conversations
        self.errors = errors
    }
}
