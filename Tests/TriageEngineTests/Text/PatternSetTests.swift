import Testing
@testable import TriageEngine

/// A pattern set's literal pre-check may only skip texts no pattern matches: it is checked against the
/// combined regex without the pre-check, on chosen cases and on random pattern lists and texts.
@Suite("Pattern sets")
struct PatternSetTests {
    /// The combined regex alone: what the set must answer.
    static func reference(_ sources: [String], caseInsensitive: Bool, _ text: String) throws -> Bool {
        try LinearRegex(anyOf: sources, caseInsensitive: caseInsensitive).matches(text)
    }

    @Test(arguments: [
        // A top-level alternative need not contain the first literal.
        (["ignore previous|disregard (the )?above"], true, "Please DISREGARD the above", true),
        (["\\bsystem override|admin mode"], true, "enter admin mode now", true),
        // Letters beyond ASCII: kept as written when case matters, no pre-check when it does not.
        (["École fermée"], false, "L'École fermée", true),
        (["école fermée"], true, "L'ÉCOLE FERMÉE", true),
        // The Kelvin sign folds to k, the long s to s.
        (["ok then"], true, "O\u{212A} then", true),
        (["sudo"], true, "\u{17F}udo", true),
        // Still skipped when no pattern can match.
        (["ignore previous", "system override"], true, "hello there", false),
        (["ab(c|d)"], false, "xabd", true),
    ] as [([String], Bool, String, Bool)])
    func answersAsTheRegexDoes(_ sources: [String], _ caseInsensitive: Bool, _ text: String, _ expected: Bool) throws {
        let set = try PatternSet(sources, caseInsensitive: caseInsensitive)
        #expect(try Self.reference(sources, caseInsensitive: caseInsensitive, text) == expected)
        #expect(set.matches(text) == expected)
        #expect((set.removing(from: text) != text) == expected)
    }

    @Test func randomPatternListsAnswerAsTheRegexDoes() throws {
        var random = LinearRegexRandomTests.Generator(state: 47)
        let words = ["ab", "ba", "a b", "É", "é", "\u{212A}", "k", "s", "\u{17F}"]
        var compared = 0
        var mismatches: [String] = []
        for _ in 0..<600 {
            let sources = (0...random.next(3)).map { _ -> String in
                var source = random.next(3) == 0 ? "\\b" : ""
                source += (0...random.next(2)).map { _ in random.pick(words) }.joined()
                if random.next(3) == 0 { source += random.pick(["|", "(", "[ab]", "?", "+", "{0,1}"]) + random.pick(words) + (source.hasSuffix("(") ? ")" : "") }
                return source.contains("(") && !source.contains(")") ? source + ")" : source
            }
            let caseInsensitive = random.next(2) == 0
            guard let set = try? PatternSet(sources, caseInsensitive: caseInsensitive) else { continue }
            for _ in 0..<6 {
                let text = (0..<random.next(5)).map { _ in random.pick(words + [" ", "A", "B", "K", "S"]) }.joined()
                compared += 1
                let expected = try Self.reference(sources, caseInsensitive: caseInsensitive, text)
                if set.matches(text) != expected { mismatches.append("\(sources) \(caseInsensitive ? "(any case)" : "") on \(text.debugDescription): expected \(expected)") }
            }
        }
        #expect(compared > 3000)
        #expect(mismatches.isEmpty, "\(mismatches.count) of \(compared): \(mismatches.prefix(10).joined(separator: "\n"))")
    }
}
