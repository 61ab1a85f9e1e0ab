/// One message of a ticket's conversation.
public struct Message: Sendable, Codable, Equatable {
    /// Who wrote a message. The two roles are structural (every support conversation has them), not policy.
    public enum Role: String, Sendable, Codable, CaseIterable {
        /// The customer.
        case customer
        /// A support agent.
        case agent
    }

    /// Who wrote it.
    public var role: Role
    /// The text as written.
    public var text: String

    /// Creates a message.
    public init(role: Role, text: String) {
        self.role = role
        self.text = text
    }
}
