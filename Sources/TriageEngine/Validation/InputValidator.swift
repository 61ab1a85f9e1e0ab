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
    public var injectionPatterns: [Condition.Pattern]

    /// Creates a validator.
    public init(maxMessageChars: Int = 20_000, maxMessages: Int = 100, injectionPatterns: [Condition.Pattern] = []) {
        self.maxMessageChars = maxMessageChars
        self.maxMessages = maxMessages
        self.injectionPatterns = injectionPatterns
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
            if text.count > maxMessageChars {
                text = String(text.prefix(maxMessageChars))
                raise(Signal.truncated)
            }
            if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { raise(Signal.emptyMessage) }
            if cleaned.messages[index].role == .customer, !injectionPatterns.isEmpty,
               injectionPatterns.contains(where: { $0.regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil }) {
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
