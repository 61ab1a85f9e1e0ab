/// A chat completion request, independent of the provider.
public struct ChatRequest: Sendable, Equatable {
    /// The conversation, system messages first.
    public var messages: [ChatMessage]
    /// The sampling temperature; `nil` uses the model's configured value.
    public var temperature: Double?
    /// The most tokens to generate; `nil` uses the model's configured value.
    public var maxTokens: Int?
    /// A schema for structured output; `nil` for free text.
    public var jsonSchema: JSONSchemaSpec?

    /// Creates a request.
    public init(messages: [ChatMessage], temperature: Double? = nil, maxTokens: Int? = nil, jsonSchema: JSONSchemaSpec? = nil) {
        self.messages = messages
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.jsonSchema = jsonSchema
    }
}
