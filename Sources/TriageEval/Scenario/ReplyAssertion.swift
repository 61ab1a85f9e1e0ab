import Foundation
import TriageEngine

/// An assertion on the formatted reply.
public enum ReplyAssertion: Sendable, Equatable, CustomStringConvertible {
    /// The reply contains the text (case-insensitive).
    case contains(String)
    /// The reply does not contain the text (case-insensitive).
    case notContains(String)
    /// The reply matches the regular expression.
    case regex(Pattern)
    /// Every message of the reply is at most this many characters.
    case maxChars(Int)
    /// The reply is semantically close to a reference (cosine similarity of embeddings, at least `min`).
    case similar(to: String, min: Double)
    /// A judge model decides whether the reply meets the rubric.
    case rubric(String)

    /// A compiled regular expression (linear-time, so no reply can stall the run).
    public struct Pattern: Sendable, Equatable {
        /// The source.
        public let source: String
        /// The compiled expression.
        public let regex: LinearRegex
        /// Equal when the sources are.
        public static func == (lhs: Pattern, rhs: Pattern) -> Bool { lhs.source == rhs.source }
    }

    /// The assertion kinds as written in scenario files.
    public static let kinds = ["contains", "not_contains", "regex", "max_chars", "similar", "rubric"]

    /// The assertion as written, e.g. `contains "invoice"`.
    public var description: String {
        switch self {
        case let .contains(text): return "contains \"\(text)\""
        case let .notContains(text): return "not_contains \"\(text)\""
        case let .regex(pattern): return "regex /\(pattern.source)/"
        case let .maxChars(limit): return "max_chars \(limit)"
        case let .similar(reference, min): return "similar >= \(min) to \"\(reference.prefix(40))\""
        case let .rubric(text): return "rubric \"\(text.prefix(60))\""
        }
    }

    /// Whether the assertion needs a model (embedding or judge) to check.
    public var needsModel: Bool {
        switch self { case .similar, .rubric: return true; default: return false }
    }

    /// Checks a text-only assertion against a reply; nil for assertions that need a model.
    public func check(_ reply: [String]) -> (passed: Bool, actual: String)? {
        let text = reply.joined(separator: "\n\n")
        switch self {
        case let .contains(needle):
            let found = Self.containsIgnoringCase(text, needle)
            return (found, found ? "found" : "not found")
        case let .notContains(needle):
            let found = Self.containsIgnoringCase(text, needle)
            return (!found, found ? "found" : "not found")
        case let .regex(pattern):
            let found = pattern.regex.matches(text)
            return (found, found ? "matched" : "no match")
        case let .maxChars(limit):
            let longest = reply.map(\.count).max() ?? 0
            return (longest <= limit, "\(longest) chars")
        case .similar, .rubric:
            return nil
        }
    }

    /// Whether `needle` occurs in `text` ignoring case, as Foundation's `range(of:options: .caseInsensitive)`
    /// finds it (an empty needle is never found). Both ASCII without carriage returns: compared byte by byte
    /// with ASCII letters lowered (no Character there spans more than one byte); otherwise Foundation.
    static func containsIgnoringCase(_ text: String, _ needle: String) -> Bool {
        var text = text
        var needle = needle
        let answer = needle.withUTF8 { needle -> Bool? in
            guard !needle.isEmpty else { return false }
            guard !needle.contains(where: { $0 >= 0x80 || $0 == 0x0D }) else { return nil }
            return text.withUTF8 { text -> Bool? in
                guard !text.contains(where: { $0 >= 0x80 || $0 == 0x0D }) else { return nil }
                return PatternSet.containsLowered(text, PatternSet.lowered(Array(needle)))
            }
        }
        if let answer { return answer }
        return text.range(of: needle, options: [.caseInsensitive]) != nil
    }
}
