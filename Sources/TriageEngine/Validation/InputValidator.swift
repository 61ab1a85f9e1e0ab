import Foundation

/// Checks and cleans a ticket before any classification: length limits, control characters, and
/// prompt-injection patterns, each recorded as an input signal on the decision.
public struct InputValidator: Sendable {
    /// Signal names the validator records.
    public enum Signal {
        /// A message or the conversation was cut to the limits.
        public static let truncated = "input_truncated"
        /// Control characters were removed.
        public static let sanitized = "input_sanitized"
        /// Text matched a prompt-injection pattern.
        public static let injection = "prompt_injection"
        /// A message was empty after cleaning.
        public static let emptyMessage = "empty_message"
    }

    /// Most characters kept per message.
    public var maxMessageChars: Int
    /// Most messages kept (the newest are kept).
    public var maxMessages: Int
    /// Patterns that suggest an attempt to instruct the model from inside the ticket.
    public var injectionPatterns: PatternSet
    private let injectionIndex: PhraseIndex?

    /// Creates a validator.
    public init(maxMessageChars: Int = 20_000, maxMessages: Int = 100, injectionPhrases: [Phrase] = [],
                injectionPatterns: PatternSet = try! PatternSet([], caseInsensitive: true)) {
        self.maxMessageChars = maxMessageChars
        self.maxMessages = maxMessages
        self.injectionPatterns = injectionPatterns
        injectionIndex = injectionPhrases.isEmpty ? nil : PhraseIndex(phrases: injectionPhrases)
    }

    /// A validator with the lexicon's injection phrases and patterns.
    public init(lexicon: Lexicon) {
        self.init(injectionPhrases: lexicon.injectionPhrases, injectionPatterns: lexicon.injectionPatterns)
    }

    func looksLikeInjection(_ text: String) -> Bool {
        if let injectionIndex, !injectionIndex.matches(in: TextAnalyzer.analyze(text)).isEmpty { return true }
        return injectionPatterns.matches(text)
    }

    /// The cleaned ticket and the signals raised.
    public func validate(_ ticket: Ticket) -> (ticket: Ticket, signals: [String]) {
        var signals: [String] = []
        func raise(_ signal: String) { if !signals.contains(signal) { signals.append(signal) } }
        var cleaned = ticket
        if cleaned.messages.count > maxMessages {
            cleaned.messages = Array(cleaned.messages.suffix(maxMessages))
            raise(Signal.truncated)
        }
        for index in cleaned.messages.indices {
            var text = cleaned.messages[index].text
            if text.unicodeScalars.contains(where: Self.isControl) {
                text = String(String.UnicodeScalarView(text.unicodeScalars.filter { !Self.isControl($0) }))
                raise(Signal.sanitized)
            }
            if text.utf8.count > maxMessageChars && text.count > maxMessageChars {
                text = String(text.prefix(maxMessageChars))
                raise(Signal.truncated)
            }
            if text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) { raise(Signal.emptyMessage) }
            if cleaned.messages[index].role == .customer, looksLikeInjection(text) {
                raise(Signal.injection)
            }
            cleaned.messages[index].text = text
        }
        if let subject = cleaned.subject, subject.unicodeScalars.contains(where: Self.isControl) {
            cleaned.subject = String(String.UnicodeScalarView(subject.unicodeScalars.filter { !Self.isControl($0) }))
            raise(Signal.sanitized)
        }
        return (cleaned, signals)
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\n" && scalar != "\t") || scalar.value == 0x7F
            || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }
}
