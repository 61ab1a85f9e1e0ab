import Foundation

/// A condition of an escalation or priority rule, as declared in YAML.
///
/// A mapping with several keys means all of them; `any`, `all` and `not` combine conditions.
public indirect enum Condition: Sendable, Equatable, CustomStringConvertible {
    /// Every condition holds.
    case all([Condition])
    /// At least one condition holds.
    case any([Condition])
    /// The condition does not hold.
    case not(Condition)
    /// The category is one of these.
    case category(Set<String>)
    /// The sentiment label is one of these.
    case sentiment(Set<String>)
    /// The sentiment score lies in a band (bounds inclusive of `atLeast`, exclusive of `below`).
    case sentimentScore(below: Double?, atLeast: Double?)
    /// The classifier's confidence lies in a band.
    case confidence(below: Double?, atLeast: Double?)
    /// The churn signal is this value.
    case churnRisk(Bool)
    /// The plan is one of these.
    case plan(Set<String>)
    /// The channel is one of these.
    case channel(Set<String>)
    /// The stage is one of these (1 before any agent reply, 2 after).
    case stage(Set<Int>)
    /// One of these named lexicon signals was found in the customer's text.
    case signal(Set<String>)
    /// One of these phrases occurs, not negated, in the customer's text.
    case textMatches([Phrase])
    /// The customer's text matches a regular expression.
    case textPattern(Pattern)
    /// One of these escalation rules fired (for priority rules).
    case fired(Set<String>)

    /// A compiled regular expression (linear-time, case-insensitive) with its source.
    public struct Pattern: Sendable, Equatable {
        /// The pattern as written.
        public let source: String
        /// The compiled expression.
        public let regex: LinearRegex
        /// Two patterns are equal when their sources are.
        public static func == (lhs: Pattern, rhs: Pattern) -> Bool { lhs.source == rhs.source }
    }

    /// The condition as a short readable expression, for traces.
    public var description: String {
        func list(_ values: Set<String>) -> String { values.sorted().joined(separator: "|") }
        func band(_ name: String, _ below: Double?, _ atLeast: Double?) -> String {
            [atLeast.map { "\(name) >= \($0)" }, below.map { "\(name) < \($0)" }].compactMap { $0 }.joined(separator: " and ")
        }
        switch self {
        case let .all(conditions): return conditions.count == 1 ? conditions[0].description : "(" + conditions.map(\.description).joined(separator: " and ") + ")"
        case let .any(conditions): return "(" + conditions.map(\.description).joined(separator: " or ") + ")"
        case let .not(condition): return "not " + condition.description
        case let .category(values): return "category=\(list(values))"
        case let .sentiment(values): return "sentiment=\(list(values))"
        case let .sentimentScore(below, atLeast): return band("sentiment_score", below, atLeast)
        case let .confidence(below, atLeast): return band("confidence", below, atLeast)
        case let .churnRisk(value): return "churn_risk=\(value)"
        case let .plan(values): return "plan=\(list(values))"
        case let .channel(values): return "channel=\(list(values))"
        case let .stage(values): return "stage=\(values.sorted().map(String.init).joined(separator: "|"))"
        case let .signal(values): return "signal=\(list(values))"
        case let .textMatches(phrases): return "text~\"" + phrases.map(\.source).joined(separator: "\"|\"") + "\""
        case let .textPattern(pattern): return "text=~/\(pattern.source)/"
        case let .fired(values): return "fired=\(list(values))"
        }
    }
}
