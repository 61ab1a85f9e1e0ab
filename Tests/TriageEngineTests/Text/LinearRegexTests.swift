import Foundation
import Testing
@testable import TriageEngine

/// The linear-time engine: same spans as a backtracking engine on ordinary patterns, named rejections of
/// constructs it cannot run, and a step count that grows with the text, never exponentially.
@Suite("Linear regular expressions")
struct LinearRegexTests {
    /// Patterns whose leftmost-first match must equal ICU's (NSRegularExpression, the engine used before) on
    /// every text below: the reference is an independent, backtracking implementation. (Catastrophic
    /// patterns are left out here: ICU itself takes seconds on them; see the step-count tests.)
    static let patterns = [
        "(?i)our billing team", "\\bTF-[0-9A-Z-]+", "a|ab", "ab|a", "a*?b", "(a|ab)(c|bcd)(d*)", "colou?r", "\\d{2,4}",
        "[^aeiou\\s]+", "^abc", "abc$", "\\bfoo\\b", "x*", "(?:ab)+", "a{2}", "a{2,}?", ".+", "(?s).+", "\\Btest", "[\\w.-]+@[\\w.]+",
        "(?m)^b", "é+", "(?i)ÉCOLE", "(?i)[a-c]+", "[\\D]+", "\\S+\\s\\S+", "(?i:b)B", "a.c", "\\x41\\u0062", "[a-]+",
        "(a+)+b", "\\w+", "\\W+", "(?<word>ab)c", "\\$\\d+\\.\\d\\d", "\\Aab", "b\\z", "b\\Z", "o{1,2}",
        // An assertion that fails where a search starts, before the match (a start that dies at once must not end the search).
        "\\b[0-9]+", "\\bcharge\\b", "\\b[A-Z]{2}[0-9]{2}( ?[A-Z0-9]){2,30}\\b", "\\B[a-z]{3}", "(?m)^[a-z]+$", "\\b(refund|charge)",
    ]
    static let texts = [
        "Our BILLING team will help", "ref TF-12AB-9 and tf-1", "abcd", "aaab", "xyz", "color colour", "12345", "hello world",
        "foo bar foobar", "a\nb\n", "café ÉCOLE école", "user-1@example.com", "", "aaaaaaaaaaaaaaaaaaaa!", "contest testing",
        "]]a-a", "price $12.99 today", "ab", "abc\n", "ABCabc", "zoo boo",
        "card 4111 1111", "discharged, then a charge", "IBAN xGB GB82 WEST 12", "Scar refund", "A1\nbc\nde",
    ]

    @Test(arguments: patterns)
    func matchesLikeABacktrackingEngine(_ pattern: String) throws {
        let reference = try NSRegularExpression(pattern: pattern)
        let regex = try LinearRegex(pattern)
        for text in Self.texts {
            let expected = reference.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)).flatMap { Range($0.range, in: text) }
            let actual = regex.firstMatch(in: text)
            #expect(actual.map { Self.describe($0, in: text) } == expected.map { Self.describe($0, in: text) }, "\(pattern) on \(text.debugDescription)")
        }
    }

    static func describe(_ range: Range<String.Index>, in text: String) -> String {
        "\(text.unicodeScalars.distance(from: text.startIndex, to: range.lowerBound)):\(String(text.unicodeScalars[range]))"
    }

    @Test func caseInsensitiveOption() throws {
        let regex = try LinearRegex("ignore (all )?previous", caseInsensitive: true)
        #expect(regex.matches("Please IGNORE ALL Previous notes"))
        #expect(!regex.matches("ignore the previous"))
    }

    @Test func removesEveryMatch() throws {
        let regex = try LinearRegex("\\bTF-[0-9A-Z-]+")
        #expect(regex.removingMatches(from: "See TF-12 and TF-9A-B, not xTF-1.") == "See  and , not xTF-1.")
        #expect(try LinearRegex("x*").removingMatches(from: "axxbx") == "ab")
        #expect(try LinearRegex("é").removingMatches(from: "café é😀é") == "caf 😀")
    }

    @Test func anyOfKeepsEachPatternsFlags() throws {
        let regex = try LinearRegex(anyOf: ["(?i)abc", "xyz"], caseInsensitive: false)
        #expect(regex.matches("ABC"))
        #expect(!regex.matches("XYZ"))
        #expect(throws: RegexSyntaxError.self) { try LinearRegex(anyOf: ["ok", "(x"], caseInsensitive: false) }
        do {
            _ = try LinearRegex(anyOf: ["ok", "fine", "a\\1"], caseInsensitive: false)
            Issue.record("a backreference compiled")
        } catch {
            #expect(error.patternIndex == 2)
            #expect(error.offset == 1)
        }
    }

    /// Each rejected construct is named, with its 0-based offset in the pattern.
    @Test(arguments: [
        ("(\\w+)\\1", 5, "backreference \\1 is not supported (patterns must run in time linear in the text)"),
        ("(?P<a>x)(?P=a)", 8, "backreference (?P= is not supported (patterns must run in time linear in the text)"),
        ("\\k<a>", 0, "backreference \\k is not supported (patterns must run in time linear in the text)"),
        ("foo(?=bar)", 3, "lookahead (?= is not supported (patterns must run in time linear in the text)"),
        ("foo(?!bar)", 3, "negative lookahead (?! is not supported (patterns must run in time linear in the text)"),
        ("(?<=a)b", 0, "lookbehind (?<= is not supported (patterns must run in time linear in the text)"),
        ("(?<!a)b", 0, "negative lookbehind (?<! is not supported (patterns must run in time linear in the text)"),
        ("x(?>a+)b", 1, "atomic group (?> is not supported (patterns must run in time linear in the text)"),
        ("a*+b", 1, "possessive quantifier *+ is not supported (patterns must run in time linear in the text); write the quantifier without the trailing +"),
        ("a{2,3}+", 1, "possessive quantifier {2,3}+ is not supported (patterns must run in time linear in the text); write the quantifier without the trailing +"),
        ("(?R)", 0, "recursion (?R is not supported (patterns must run in time linear in the text)"),
        ("(?(1)a|b)", 0, "conditional group (?( is not supported (patterns must run in time linear in the text)"),
        ("\\p{L}+", 0, "Unicode property \\p is not supported (patterns must run in time linear in the text)"),
        ("[[:alpha:]]", 1, "POSIX class [: is not supported (patterns must run in time linear in the text)"),
        ("a\\Gb", 1, "\\G is not supported (patterns must run in time linear in the text)"),
        ("a{1001}", 1, "repetition count 1001 is above the limit of 1000"),
        ("a{5,2}", 1, "repetition {5,2} has its minimum above its maximum"),
        ("((a{1000}){1000})", 0, "the pattern is too large: it compiles to more than 20000 instructions (nested repetition counts multiply)"),
        ("(ab", 0, "missing ) to close this group"),
        ("ab)", 2, "unmatched ); write \\) for a literal parenthesis"),
        ("[a-", 0, "missing ] to close this character class"),
        ("x[z-a]", 2, "range z-a is out of order"),
        ("[\\d-z]", 1, "\\d cannot be the end of a range; write \\- for a literal hyphen"),
        ("*a", 0, "quantifier * has nothing to repeat"),
        ("a**", 2, "quantifier * has nothing to repeat"),
        ("a|?", 2, "quantifier ? has nothing to repeat"),
        ("\\y", 0, "unknown escape \\y; write \\\\ for a backslash"),
        ("abc\\", 3, "the pattern ends with a lone backslash"),
        ("(?x)a", 2, "inline flag x is not supported; expected i, m or s"),
        ("\\x{110000}", 0, "invalid code point escape \\x{110000}"),
    ])
    func rejectsWithThePosition(_ pattern: String, _ offset: Int, _ message: String) {
        do {
            _ = try LinearRegex(pattern)
            Issue.record("\(pattern) compiled")
        } catch {
            #expect(error.offset == offset, "\(pattern)")
            #expect(error.message == message, "\(pattern)")
        }
    }

    /// The engine's cost is bounded by `5 × (length + 1) × instructions` steps for every pattern, counted by the
    /// VM itself (deterministic, no clock). A backtracking engine needs about 2^n steps for `(a+)+$` on n a's.
    @Test(arguments: ["(a+)+$", "(a|a)*b", "(.*)*x", "(a*)*b", "(a|aa)+$", "(\\w+\\s?)+$", "(x+x+)+y", "^(a?){30}a{30}$", "(.*a){12}",
                      "(?i)(ab|a)*(ba|b)*c", "([a-z]+)*[0-9]"])
    func stepsGrowLinearlyWithTheText(_ pattern: String) throws {
        let regex = try LinearRegex(pattern)
        for length in [1_000, 10_000] {
            let text = Array(repeating: UInt32(97), count: length - 1) + [33]  // "aaaa…!"
            let (_, steps) = regex.firstMatch(scalars: text)
            #expect(steps <= 5 * (length + 1) * regex.instructionCount, "\(pattern): \(steps) steps for \(length) scalars")
        }
        // Doubling the text at most doubles the work (plus the constant): linear, not exponential.
        let short = regex.firstMatch(scalars: Array(repeating: 97, count: 5_000)).steps
        let long = regex.firstMatch(scalars: Array(repeating: 97, count: 10_000)).steps
        #expect(long <= 2 * short + 10 * regex.instructionCount)
    }

    @Test func catastrophicPatternsStillMatchCorrectly() throws {
        #expect(try LinearRegex("(a+)+$").matches(String(repeating: "a", count: 42) + "!") == false)
        #expect(try LinearRegex("(a+)+$").matches(String(repeating: "a", count: 42)))
        #expect(try LinearRegex("(a|a)*b").matches(String(repeating: "a", count: 10_000) + "b"))
    }
}
