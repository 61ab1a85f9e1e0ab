/// A failed quality check: two agent turns of one conversation that loop or contradict each other.
public struct QualityFinding: Sendable, Equatable, Codable {
    /// Which check failed.
    public enum Kind: String, Sendable, Codable {
        /// The later turn repeats the earlier one.
        case loop
        /// The later turn contradicts the earlier one.
        case contradiction
    }

    /// One turn of the conversation.
    public struct Turn: Sendable, Equatable, Codable {
        /// The 1-based position among all messages.
        public var number: Int
        /// What it says (redacted when the conversation was).
        public var text: String

        /// Creates a turn.
        public init(number: Int, text: String) {
            self.number = number
            self.text = text
        }
    }

    /// Which check failed.
    public var kind: Kind
    /// The earlier agent turn.
    public var earlier: Turn
    /// The later agent turn (the drafted reply when it is the last).
    public var later: Turn
    /// Why: the similarity of a loop, or what the contradiction check saw.
    public var reason: String
    /// The embedding similarity of a loop.
    public var similarity: Double?

    /// Creates a finding.
    public init(kind: Kind, earlier: Turn, later: Turn, reason: String, similarity: Double? = nil) {
        self.kind = kind
        self.earlier = earlier
        self.later = later
        self.reason = reason
        self.similarity = similarity
    }
}
