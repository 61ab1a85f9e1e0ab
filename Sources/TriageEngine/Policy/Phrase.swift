/// A phrase of one or more words matched at word boundaries; a word ending in `*` matches any word that
/// starts with it (`refund*` matches refund, refunds, refunded).
public struct Phrase: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// One word of a phrase.
    public enum Word: Sendable, Equatable, Hashable {
        /// The whole word.
        case exact(String)
        /// Any word starting with this prefix.
        case prefix(String)

        func matches(_ token: String) -> Bool {
            switch self {
            case let .exact(word): return token == word
            case let .prefix(prefix): return token.hasPrefix(prefix)
            }
        }
    }

    /// The words in order.
    public let words: [Word]
    /// The phrase as written in the file.
    public let source: String

    /// Parses a phrase; returns nil when it has no words.
    public init?(_ source: String) {
        let tokens = TextAnalyzer.words(of: source, keepStars: true)
        guard !tokens.isEmpty else { return nil }
        self.words = tokens.map { $0.hasSuffix("*") && $0.count > 1 ? .prefix(String($0.dropLast())) : .exact($0) }
        self.source = source
    }

    /// Whether the phrase starts with one of the given words (such a phrase carries its own negation).
    func starts(withAnyOf words: Set<String>) -> Bool {
        if case let .exact(first) = self.words[0] { return words.contains(first) }
        return false
    }

    /// The phrase as written.
    public var description: String { source }
}
