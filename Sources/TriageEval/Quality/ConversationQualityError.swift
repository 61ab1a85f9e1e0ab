/// A conversation that could not be scored (the judge's answer was unusable, the model could not be reached):
/// it is listed as errored, apart from the scored ones, never counted as passed.
public struct ConversationQualityError: Sendable, Equatable, Codable {
    /// The conversation id.
    public var id: String
    /// Where it came from (`file:line`).
    public var source: String
    /// The error class (`judge_answer`, `timeout`, `replay_miss`, …).
    public var errorClass: String
    /// The message.
    public var message: String

    /// Creates an entry.
    public init(id: String, source: String, errorClass: String, message: String) {
        self.id = id
        self.source = source
        self.errorClass = errorClass
        self.message = message
    }
}
