import Foundation

/// Checks and cleans a ticket before any classification: length limits, control characters, and
/// prompt-injection phrases and patterns, each recorded as an input signal on the decision.
///
/// Injection is looked for in every customer-written field (the customer's name, the subject line and each
/// customer message) after ``TextNormalizer`` has undone look-alike letters, leetspeak, case, and line
/// breaks or punctuation inside a phrase.
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
    /// How text is normalised before injection matching.
    public var normalizer: TextNormalizer
    private let injectionPhrases: [Phrase]
    private let eachPattern: [LinearRegex]
    private let injectionIndex: PhraseIndex?

    /// Creates a validator.
    public init(maxMessageChars: Int = 20_000, maxMessages: Int = 100, injectionPhrases: [Phrase] = [],
                injectionPatterns: PatternSet = try! PatternSet([], caseInsensitive: true), normalizer: TextNormalizer = TextNormalizer()) {
        self.maxMessageChars = maxMessageChars
        self.maxMessages = maxMessages
        self.injectionPatterns = injectionPatterns
        self.normalizer = normalizer
        self.injectionPhrases = injectionPhrases
        eachPattern = injectionPatterns.sources.compactMap { try? LinearRegex($0, caseInsensitive: true) }
        injectionIndex = injectionPhrases.isEmpty ? nil : PhraseIndex(phrases: injectionPhrases)
    }

    /// A validator with the lexicon's injection phrases and patterns.
    public init(lexicon: Lexicon) {
        self.init(injectionPhrases: lexicon.injectionPhrases, injectionPatterns: lexicon.injectionPatterns,
                  normalizer: lexicon.injectionNormalizer)
    }

    /// The injection phrases and patterns a text matches, after normalisation; empty when it looks clean.
    public func injectionMatches(_ text: String) -> [String] {
        guard injectionIndex != nil || !injectionPatterns.sources.isEmpty else { return [] }
        var found: [String] = []
        func record(_ entry: Int) {
            let source = injectionPhrases[entry].source
            if !found.contains(source) { found.append(source) }
        }
        // ASCII text: the normalized words as byte ranges, matched by bytes, with no string per word.
        if let injectionIndex, let (bytes, ranges) = normalizer.asciiWordBytes(text), let entries = injectionIndex.entries(inWords: bytes, ranges) {
            for entry in entries { record(entry) }
            if !injectionPatterns.sources.isEmpty {
                var joined: [UInt8] = []
                joined.reserveCapacity(bytes.count + ranges.count)
                for (index, range) in ranges.enumerated() {
                    if index > 0 { joined.append(0x20) }
                    joined.append(contentsOf: bytes[range])
                }
                found.append(contentsOf: patternMatches(text, normalized: String(decoding: joined, as: UTF8.self)))
            }
            return found
        }
        let words = normalizer.words(text)
        if let injectionIndex {
            // One clause for the whole text: a line break or punctuation inside a phrase does not hide it.
            let analyzed = AnalyzedText(tokens: words.map { AnalyzedText.Token(word: $0, clause: 0, shouted: false) }, exclamations: 0, letterWords: words.count)
            for match in injectionIndex.matches(in: analyzed) { record(match.entry) }
        }
        if !injectionPatterns.sources.isEmpty { found.append(contentsOf: patternMatches(text, normalized: words.joined(separator: " "))) }
        return found
    }

    /// The sources of the injection patterns matching the text as written or its normalized words.
    private func patternMatches(_ text: String, normalized: String) -> [String] {
        guard injectionPatterns.matches(text) || injectionPatterns.matches(normalized) else { return [] }
        return eachPattern.filter { $0.matches(text) || $0.matches(normalized) }.map(\.source)
    }

    /// Cleans the ticket, raises input signals and looks for prompt injection in every customer-written field.
    public func check(_ ticket: Ticket) -> InputCheck {
        var signals: [String] = []
        var fields: [String] = []
        var matches: [String] = []
        func scan(_ text: String, field: String) {
            let found = injectionMatches(text)
            guard !found.isEmpty else { return }
            fields.append(field)
            for match in found where !matches.contains(match) { matches.append(match) }
        }
        func raise(_ signal: String) { if !signals.contains(signal) { signals.append(signal) } }
        var cleaned = ticket
        if cleaned.messages.count > maxMessages {
            cleaned.messages = Array(cleaned.messages.suffix(maxMessages))
            raise(Signal.truncated)
        }
        for index in cleaned.messages.indices {
            var text = cleaned.messages[index].text
            if Self.holdsControl(text) {
                text = String(String.UnicodeScalarView(text.unicodeScalars.filter { !Self.isControl($0) }))
                raise(Signal.sanitized)
            }
            if text.utf8.count > maxMessageChars && text.count > maxMessageChars {
                text = String(text.prefix(maxMessageChars))
                raise(Signal.truncated)
            }
            if text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) { raise(Signal.emptyMessage) }
            cleaned.messages[index].text = text
        }
        if let subject = cleaned.subject, Self.holdsControl(subject) {
            cleaned.subject = String(String.UnicodeScalarView(subject.unicodeScalars.filter { !Self.isControl($0) }))
            raise(Signal.sanitized)
        }
        // Every field the customer wrote, in ticket order; messages numbered as in the conversation.
        scan(cleaned.customer, field: "customer")
        if let subject = cleaned.subject { scan(subject, field: "subject") }
        let dropped = ticket.messages.count - cleaned.messages.count
        for (index, message) in cleaned.messages.enumerated() where message.role == .customer {
            scan(message.text, field: "message \(index + dropped + 1)")
        }
        if !fields.isEmpty { raise(Signal.injection) }
        return InputCheck(ticket: cleaned, signals: signals, promptInjection: fields.isEmpty ? nil : PromptInjectionFinding(fields: fields, matches: matches))
    }

    /// Whether the text holds a scalar ``isControl(_:)`` removes: by bytes, unless a byte 0xE2 (the lead of
    /// the bidirectional controls U+202A… and U+2066…) calls for the scalar test.
    static func holdsControl(_ text: String) -> Bool {
        var copy = text
        let answer = copy.withUTF8 { bytes -> Bool? in
            for byte in bytes {
                if byte < 0x20 { if byte != 0x0A && byte != 0x09 { return true } } else if byte == 0x7F { return true } else if byte == 0xE2 { return nil }
            }
            return false
        }
        return answer ?? text.unicodeScalars.contains(where: isControl)
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\n" && scalar != "\t") || scalar.value == 0x7F
            || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }
}
