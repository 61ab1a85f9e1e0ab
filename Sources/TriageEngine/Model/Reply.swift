/// A reply drafted for the customer and formatted for the ticket's channel.
public struct Reply: Sendable, Codable, Equatable {
    /// The formatted reply as one text (WhatsApp parts joined by a blank line).
    public var text: String
    /// The messages to send: one for email and web forms, possibly several for chat channels.
    public var parts: [String]

    /// Creates a reply.
    public init(text: String, parts: [String]) {
        self.text = text
        self.parts = parts
    }

    enum CodingKeys: String, CodingKey { case text, parts }

    /// Decodes; a missing `parts` means the reply is one message, its text.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        text = try container.decode(String.self, forKey: .text)
        parts = try container.decodeIfPresent([String].self, forKey: .parts) ?? [text]
    }
}
