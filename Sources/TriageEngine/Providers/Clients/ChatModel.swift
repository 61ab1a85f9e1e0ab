/// A chat model: messages in, text out. Implemented over HTTP by ``OpenAIChatModel`` and
/// ``AnthropicChatModel``; tests and the offline engine provide their own.
public protocol ChatModel: Sendable {
    /// The configured model name, as it appears in reports.
    var name: String { get }
    /// Completes the conversation.
    /// - Throws: ``ModelError`` when the provider fails or answers something unusable.
    func complete(_ request: ChatRequest) async throws -> ChatResponse
}
