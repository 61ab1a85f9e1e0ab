/// Evaluates ``Condition``s against a ``RuleContext``.
struct ConditionEvaluator: Sendable {
    let negators: Set<String>
    let window: Int

    init(lexicon: Lexicon) {
        negators = lexicon.negators
        window = lexicon.negationWindow
    }

    /// Whether the condition holds; `fired`, when given, stands for `context.fired` (so the priority rules
    /// need no copy of the context).
    func holds(_ condition: Condition, _ context: RuleContext, fired: Set<String>? = nil) -> Bool {
        let labels = context.classification
        switch condition {
        case let .all(conditions): return conditions.allSatisfy { holds($0, context, fired: fired) }
        case let .any(conditions): return conditions.contains { holds($0, context, fired: fired) }
        case let .not(inner): return !holds(inner, context, fired: fired)
        case let .category(values): return values.contains(labels.category)
        case let .sentiment(values): return values.contains(labels.sentiment)
        case let .sentimentScore(below, atLeast): return Self.inBand(labels.sentimentScore, below, atLeast)
        case let .confidence(below, atLeast): return Self.inBand(labels.confidence, below, atLeast)
        case let .churnRisk(value): return labels.churnRisk == value
        case let .plan(values): return values.contains(context.ticket.plan)
        case let .channel(values): return values.contains(context.ticket.channel)
        case let .stage(values): return values.contains(context.stage)
        case let .signal(values): return labels.signals.contains { values.contains($0) }
        case let .fired(values): return !values.isDisjoint(with: fired ?? context.fired)
        case let .textMatches(phrases): return phrases.contains { phrase in context.customerText.contains { occurs(phrase, in: $0) } }
        case let .textPattern(pattern):
            return pattern.regex.matches(context.rawCustomerText)
        }
    }

    static func inBand(_ value: Double, _ below: Double?, _ atLeast: Double?) -> Bool {
        (below.map { value < $0 } ?? true) && (atLeast.map { value >= $0 } ?? true)
    }

    /// Whether a phrase occurs in the text, at word boundaries, in one clause, and not negated.
    func occurs(_ phrase: Phrase, in text: AnalyzedText) -> Bool {
        let tokens = text.tokens
        let count = phrase.words.count
        guard count <= tokens.count else { return false }
        let selfNegating = phrase.starts(withAnyOf: negators)
        outer: for start in 0...(tokens.count - count) {
            for offset in 0..<count {
                let token = tokens[start + offset]
                if token.clause != tokens[start].clause || !phrase.words[offset].matches(token.word) { continue outer }
            }
            if selfNegating || !isNegated(start, tokens) { return true }
        }
        return false
    }

    private func isNegated(_ position: Int, _ tokens: [AnalyzedText.Token]) -> Bool {
        var index = position - 1
        while index >= 0 && position - index <= window && tokens[index].clause == tokens[position].clause {
            if negators.contains(tokens[index].word) { return true }
            index -= 1
        }
        return false
    }
}

import Foundation
