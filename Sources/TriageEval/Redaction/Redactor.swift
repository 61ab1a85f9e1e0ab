import Foundation
import TriageEngine

/// Replaces personal data with placeholders and the customer's name with a stable pseudonym, before
/// anything is stored or written. The patterns come from `rules/redaction.yaml` (``RedactionLoader``).
public struct Redactor: Sendable {
    /// One kind of personal data.
    public struct Rule: Sendable {
        /// The kind, e.g. `email`.
        public var name: String
        /// What finds it.
        public var pattern: RedactionPattern
        /// What replaces it, e.g. `[email]`.
        public var placeholder: String
        /// A checksum a match must pass, if any.
        public var check: RedactionCheck?

        /// Creates a rule.
        public init(name: String, pattern: RedactionPattern, placeholder: String, check: RedactionCheck? = nil) {
            self.name = name
            self.pattern = pattern
            self.placeholder = placeholder
            self.check = check
        }
    }

    /// The rules, applied in order (earlier rules win where matches overlap).
    public let rules: [Rule]
    /// Makes the customer's pseudonym.
    public let pseudonymizer: Pseudonymizer

    /// Creates a redactor.
    public init(rules: [Rule], pseudonymizer: Pseudonymizer) {
        self.rules = rules
        self.pseudonymizer = pseudonymizer
    }

    /// A text with every match replaced by its placeholder, then every mention of `customer` (the whole name,
    /// or any part of it of three letters or more, as a whole word) by the customer's pseudonym.
    public func redact(_ text: String, customer: String? = nil) -> String {
        redact(text, customer: customer, trackingColumn: nil).text
    }

    /// `text` redacted as ``redact(_:customer:)`` does, and where its 1-based `column` (in Unicode scalars)
    /// lands in the redacted text, so an error's caret still points at the same place; a column inside a
    /// replaced span lands on the first scalar of what replaced it.
    public func redact(_ text: String, customer: String?, trackingColumn column: Int?) -> (text: String, column: Int?) {
        var result = text
        var position = column.map { $0 - 1 }
        func replace(_ range: Range<String.Index>, with replacement: String) {
            if let tracked = position {
                let start = result.unicodeScalars.distance(from: result.startIndex, to: range.lowerBound)
                let end = start + result.unicodeScalars[range].count
                if tracked >= end { position = tracked + replacement.unicodeScalars.count - (end - start) } else if tracked > start { position = start }
            }
            result.replaceSubrange(range, with: replacement)
        }
        for rule in rules {
            let ranges = rule.pattern.matches(in: result).filter { rule.check?.passes(String(result[$0])) ?? true }
            for range in ranges.reversed() { replace(range, with: rule.placeholder) }
        }
        guard let customer, !customer.allSatisfy(\.isWhitespace) else { return (result, position.map { $0 + 1 }) }
        let pseudonym = pseudonymizer.pseudonym(for: customer)
        let parts = customer.split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: .punctuationCharacters) }
        let words = ([customer.trimmingCharacters(in: .whitespaces)] + parts.filter { $0.count >= 3 })
        for word in words where !word.isEmpty {
            for range in Self.wordRanges(of: word, in: result).reversed() { replace(range, with: pseudonym) }
        }
        return (result, position.map { $0 + 1 })
    }

    /// A conversation with its customer replaced by the pseudonym and every free text redacted; an id in which
    /// the patterns or the customer's name find anything becomes a keyed stand-in (`conversation-` and 16 hex
    /// digits, the same for the same id), and any other id is kept as it is.
    public func redact(_ conversation: ProductionConversation) -> ProductionConversation {
        var copy = conversation
        let customer = conversation.customer
        if redact(conversation.id, customer: customer) != conversation.id {
            copy.id = pseudonymizer.pseudonym(forIdentifier: conversation.id, kind: "conversation")
        }
        copy.customer = customer.map(pseudonymizer.pseudonym(for:))
        copy.subject = conversation.subject.map { redact($0, customer: customer) }
        copy.messages = conversation.messages.map { .init(role: $0.role, text: redact($0.text, customer: customer)) }
        copy.feedback?.comment = conversation.feedback?.comment.map { redact($0, customer: customer) }
        copy.correction?.note = conversation.correction?.note.map { redact($0, customer: customer) }
        copy.correction?.by = conversation.correction?.by.map { redact($0, customer: customer) }
        return copy
    }

    /// The ranges where `word` occurs in `text` as a whole word (no letter or digit on either side), ignoring case.
    static func wordRanges(of word: String, in text: String) -> [Range<String.Index>] {
        var ranges: [Range<String.Index>] = []
        var start = text.startIndex
        while let range = text.range(of: word, options: [.caseInsensitive], range: start..<text.endIndex) {
            let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
            let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
            let isWordCharacter = { (character: Character?) in character.map { $0.isLetter || $0.isNumber } ?? false }
            if !isWordCharacter(before) && !isWordCharacter(after) { ranges.append(range) }
            start = range.upperBound
        }
        return ranges
    }
}
