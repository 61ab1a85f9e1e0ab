/// A reply before channel formatting: optional greeting, body paragraphs, optional signature.
public struct ReplyDraft: Sendable, Equatable {
    /// The greeting line for the channel's style.
    public var greeting: String
    /// The body paragraphs.
    public var paragraphs: [String]
    /// The signature block.
    public var signature: String

    /// Creates a draft.
    public init(greeting: String, paragraphs: [String], signature: String) {
        self.greeting = greeting
        self.paragraphs = paragraphs
        self.signature = signature
    }
}
