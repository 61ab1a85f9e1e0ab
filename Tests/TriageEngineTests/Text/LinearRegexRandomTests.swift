import Foundation
import Testing
@testable import TriageEngine

/// Random patterns against ICU (NSRegularExpression, a backtracking engine): the same leftmost-first span on
/// random texts. The fixed list in ``LinearRegexTests`` missed a search that ended at a start where `\b` did
/// not hold; random patterns with assertions, classes, alternations and lazy quantifiers look wider.
@Suite("Linear regular expressions, random")
struct LinearRegexRandomTests {
    /// A deterministic generator (SplitMix64), so a failure names a pattern and text that reproduce.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
        mutating func pick<T>(_ items: [T]) -> T { items[next(items.count)] }
    }

    static let atoms = ["a", "b", "B", " ", "-", ".", "[ab]", "[^a]", "[a-]", "\\w", "\\W", "\\s"]
    static let assertions = ["\\b", "\\B", "^", "$", "(?m)^", "(?m)$"]
    static let quantifiers = ["", "", "", "?", "*", "+", "{2}", "{1,2}", "{0,3}", "{2,}", "??", "*?", "+?", "{1,2}?"]

    /// A piece: an atom with a quantifier, an assertion, or a group (quantified only by `?`, so no loop can
    /// match the empty text, where engines may differ legitimately).
    static func piece(_ random: inout Generator, depth: Int) -> String {
        switch random.next(10) {
        case 0: return random.pick(assertions)
        case 1 where depth < 2: return "(" + expression(&random, depth: depth + 1) + ")" + random.pick(["", "?", "??"])
        case 2 where depth < 2: return "(?:" + expression(&random, depth: depth + 1) + ")" + random.pick(["", "?"])
        default: return random.pick(atoms) + random.pick(quantifiers)
        }
    }

    static func expression(_ random: inout Generator, depth: Int) -> String {
        let branches = random.next(4) == 0 ? 2 : 1
        return (0..<branches).map { _ in (0...random.next(3)).map { _ in piece(&random, depth: depth) }.joined() }.joined(separator: "|")
    }

    @Test func randomPatternsMatchLikeICU() throws {
        var random = Generator(state: 20261129)
        var compared = 0
        var mismatches: [String] = []
        for _ in 0..<1500 {
            let pattern = (random.next(5) == 0 ? "(?i)" : "") + Self.expression(&random, depth: 0)
            // Inline flags only at the start of a pattern, where both engines read them the same way.
            guard !pattern.dropFirst(4).contains("(?m)") && !(pattern.hasPrefix("(?m)") && pattern.contains("(?i)")), let reference = try? NSRegularExpression(pattern: pattern) else { continue }
            let regex = try LinearRegex(pattern)
            for _ in 0..<8 {
                let text = String((0..<random.next(12)).map { _ in random.pick(Array("abAB -\n")) })
                let expected = reference.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)).flatMap { Range($0.range, in: text) }
                let actual = regex.firstMatch(in: text)
                compared += 1
                if actual.map({ LinearRegexTests.describe($0, in: text) }) != expected.map({ LinearRegexTests.describe($0, in: text) }) {
                    mismatches.append("\(pattern) on \(text.debugDescription): ICU \(expected.map { LinearRegexTests.describe($0, in: text) } ?? "none"), linear \(actual.map { LinearRegexTests.describe($0, in: text) } ?? "none")")
                }
            }
        }
        #expect(compared > 5000)
        #expect(mismatches.isEmpty, "\(mismatches.count) of \(compared): \(mismatches.prefix(15).joined(separator: "\n"))")
    }
}
