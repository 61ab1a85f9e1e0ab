import Foundation

/// A contradiction check without a model (README, "Conversation quality"). It splits agent turns into
/// sentences and compares each sentence of a later turn with each sentence of every earlier one:
///
/// - **negation flip**: the same content words (Jaccard ≥ ``overlap``), one sentence negated and the other not
///   ("your refund has been approved" / "your refund has not been approved");
/// - **different amounts or dates**: the same content words, each with amounts, numbers or dates, and those differ
///   ("a refund of $20 on Friday" / "a refund of $35 on Friday");
/// - **opposite yes/no**: two agent turns that start with "yes" and "no" answering customer turns with the
///   same content words (Jaccard ≥ ``questionOverlap``).
///
/// Limits: English only; paraphrases and antonyms ("approved" / "declined") are not seen; a changed fact
/// stated with different words is missed; numbers that legitimately change (a balance after a payment) are
/// reported.
public struct OfflineContradictionCheck: ContradictionCheck {
    /// The name in reports.
    public let name = "offline-negation-values-yesno"
    /// The content-word overlap at which two sentences state the same thing.
    public var overlap: Double
    /// The content-word overlap at which two customer turns ask the same question.
    public var questionOverlap: Double

    /// Creates the check.
    public init(overlap: Double = 0.7, questionOverlap: Double = 0.5) {
        self.overlap = overlap
        self.questionOverlap = questionOverlap
    }

    /// One sentence reduced to what the checks compare.
    struct Proposition: Equatable {
        var content: Set<String>
        var negated: Bool
        var values: Set<String>
    }

    /// An agent turn reduced to its propositions and its leading yes or no.
    struct AgentTurn {
        var number: Int
        var text: String
        var propositions: [Proposition]
        var answer: Bool?
        var question: Set<String>?
    }

    static let negations: Set<String> = ["not", "no", "never", "none", "nothing", "nobody", "nowhere", "neither", "nor", "without"]
    static let dateWords: Set<String> = ["january", "february", "march", "april", "june", "july", "august", "september", "october",
                                         "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                         "sunday", "today", "tomorrow", "yesterday"]
    static let stopWords: Set<String> = ["a", "an", "the", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "will",
                                         "would", "do", "does", "did", "can", "could", "should", "shall", "may", "might", "must", "to", "of",
                                         "on", "in", "at", "by", "for", "with", "and", "or", "but", "so", "it", "its", "this", "that", "these",
                                         "those", "i", "i'm", "me", "my", "we", "we've", "we're", "our", "us", "you", "your", "you're", "yours",
                                         "he", "she", "they", "them", "their", "there", "here", "just", "yet", "still", "already", "also",
                                         "as", "if", "then", "than", "from", "up", "out", "about", "into", "over", "again", "now", "all",
                                         "any", "some", "please", "yes", "yeah", "ok", "okay", "sure", "what", "when", "which", "who", "how"]
    static let contractions: [(String, String)] = [("won't", "will not"), ("can't", "can not"), ("cannot", "can not"), ("shan't", "shall not"),
                                                   ("n't", " not")]

    /// Finds contradictions between agent turns.
    public func contradictions(in messages: [ProductionConversation.Message]) async throws -> [QualityFinding] {
        findings(in: messages)
    }

    /// The same, synchronously (the check is pure).
    public func findings(in messages: [ProductionConversation.Message]) -> [QualityFinding] {
        var turns: [AgentTurn] = []
        var lastCustomer: Set<String>?
        for (index, message) in messages.enumerated() {
            if message.role == .customer {
                // The question asked: the customer's sentences ending in "?", else all of them.
                let sentences = Self.sentences(message.text)
                let questions = sentences.filter { $0.trimmingCharacters(in: .whitespaces).hasSuffix("?") }
                lastCustomer = Set((questions.isEmpty ? sentences : questions).flatMap { Self.tokens($0) }.filter(Self.isContent))
                continue
            }
            var sentences = Self.sentences(message.text).map(Self.tokens)
            var answer: Bool?
            if let first = sentences.first?.first, ["yes", "yeah", "no", "nope"].contains(first) {
                answer = first == "yes" || first == "yeah"
                sentences[0].removeFirst()
            }
            turns.append(AgentTurn(number: index + 1, text: message.text, propositions: sentences.map(Self.proposition), answer: answer, question: lastCustomer))
        }
        var findings: [QualityFinding] = []
        for later in turns.indices {
            for earlier in 0..<later {
                if let reason = contradiction(turns[earlier], turns[later]) {
                    findings.append(QualityFinding(kind: .contradiction, earlier: .init(number: turns[earlier].number, text: turns[earlier].text),
                                                   later: .init(number: turns[later].number, text: turns[later].text), reason: reason))
                }
            }
        }
        return findings
    }

    /// Why two turns contradict, or nil.
    func contradiction(_ earlier: AgentTurn, _ later: AgentTurn) -> String? {
        for first in earlier.propositions where first.content.count >= 2 {
            for second in later.propositions where second.content.count >= 2 {
                guard Self.jaccard(first.content, second.content) >= overlap else { continue }
                if first.negated != second.negated { return "negation flip" }
                if !first.values.isEmpty, !second.values.isEmpty, first.values != second.values {
                    return "different amounts or dates: \(first.values.sorted().joined(separator: " ")) / \(second.values.sorted().joined(separator: " "))"
                }
            }
        }
        if let a = earlier.answer, let b = later.answer, a != b, let q1 = earlier.question, let q2 = later.question,
           !q1.isEmpty, Self.jaccard(q1, q2) >= questionOverlap {
            return "opposite yes/no answers to the same question"
        }
        return nil
    }

    /// A sentence's tokens reduced to content words, negation and values.
    static func proposition(_ tokens: [String]) -> Proposition {
        var content: Set<String> = []
        var values: Set<String> = []
        var negations = 0
        for token in tokens {
            if Self.negations.contains(token) { negations += 1 } else if isValue(token) { values.insert(token) } else if !stopWords.contains(token) { content.insert(token) }
        }
        return Proposition(content: content, negated: negations % 2 == 1, values: values)
    }

    static func isValue(_ token: String) -> Bool { token.contains(where: \.isNumber) || dateWords.contains(token) }

    static func isContent(_ token: String) -> Bool { !negations.contains(token) && !stopWords.contains(token) && !isValue(token) }

    /// Sentences and clauses: split after `.`, `!`, `?`, `:` or `;` followed by a space or the end (so `$20.50` and
    /// `09:30` stay whole), and at line breaks.
    static func sentences(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            if character == "\n" {
                result.append(current)
                current = ""
                continue
            }
            current.append(character)
            if ".!?:;,".contains(character), index + 1 == characters.count || characters[index + 1].isWhitespace {
                result.append(current)
                current = ""
            }
        }
        result.append(current)
        return result.filter { !$0.allSatisfy(\.isWhitespace) }
    }

    /// Lowercased words with contractions expanded and surrounding punctuation removed (`$20.50` keeps its sign).
    static func tokens(_ sentence: String) -> [String] {
        var text = sentence.lowercased().replacingOccurrences(of: "\u{2019}", with: "'")
        for (contraction, expansion) in contractions { text = text.replacingOccurrences(of: contraction, with: expansion) }
        return text.split(whereSeparator: \.isWhitespace)
            .map { $0.trimmingCharacters(in: trimmed) }
            .filter { !$0.isEmpty }
    }

    /// What tokens lose at either end: punctuation and symbols except currency signs.
    nonisolated(unsafe) static let trimmed = CharacterSet.punctuationCharacters.union(.symbols).subtracting(CharacterSet(charactersIn: "$€£"))

    static func jaccard(_ a: Set<String>, _ b: Set<String>) -> Double {
        let union = a.union(b).count
        return union == 0 ? 0 : Double(a.intersection(b).count) / Double(union)
    }
}
