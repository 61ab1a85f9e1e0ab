/// A chat model's answer with its token counts and the record of the call.
public struct ChatResponse: Sendable {
    /// The answer text.
    public var text: String
    /// Prompt tokens.
    public var inputTokens: Int
    /// Completion tokens.
    public var outputTokens: Int
    /// The call record (also appended to ``CallContext/log``).
    public var record: CallRecord
    /// The JSON body sent to the provider (without credentials), for traces and debugging.
    public var requestBody: String

    /// Creates a response.
    public init(text: String, inputTokens: Int, outputTokens: Int, record: CallRecord, requestBody: String) {
        self.text = text
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.record = record
        self.requestBody = requestBody
    }
}
