import Foundation
import Testing
@testable import TriageEval

/// `contains` and `not_contains` compare ASCII replies byte by byte; Foundation's case-insensitive search,
/// which they used before and still use for other text, is the reference they must agree with.
@Suite("Reply assertions, case-insensitive search")
struct ReplyAssertionCaseTests {
    static let pieces = [
        "a", "A", "b", "B", "z", "Z", "@", "[", "`", "{", "0", " ", "\t", "\n", "\r", "\r\n", "\u{0}", "\u{1F}", "\u{7F}", "#", "TF-", "tf-",
        "Hi Priya", "hi priya", "WITHIN 4 HOURS", "é", "E\u{0301}", "\u{0301}", "ß", "SS", "\u{212A}", "k", "ſ", "İ", "ı", "🙂", "ﬁ", "fi",
    ]

    /// Random texts from the pieces (half of them ASCII only), the same on every run.
    static func texts(_ count: Int, seed: UInt64) -> [String] {
        var state = seed
        func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
        return (0..<count).map { index in
            var text = ""
            for _ in 0..<next(index % 2 == 0 ? 12 : 3) {
                var piece = pieces[next(pieces.count)]
                while index % 4 < 2 && piece.utf8.contains(where: { $0 >= 0x80 }) { piece = pieces[next(pieces.count)] }
                text += piece
            }
            return text
        }
    }

    @Test func agreesWithFoundation() {
        let haystacks = Self.texts(600, seed: 1) + ["", "Hi Priya,\n\nThanks", String(repeating: "ab", count: 20_000) + "TF-1"]
        let needles = Self.texts(60, seed: 2) + ["", "hi priya", "TF-", "tf-1", "#", "\r\n", "\n"]
        var found = 0
        for text in haystacks {
            for needle in needles {
                let reference = text.range(of: needle, options: [.caseInsensitive]) != nil
                #expect(ReplyAssertion.containsIgnoringCase(text, needle) == reference, "\(text.debugDescription) \(needle.debugDescription)")
                if reference { found += 1 }
            }
        }
        #expect(found > 500)
    }

    @Test func assertionsReportAsBefore() {
        let reply = ["Hi Priya,\n\nOur Billing team will reply within 4 hours.", "Best regards"]
        #expect(ReplyAssertion.contains("hi PRIYA").check(reply)! == (true, "found"))
        #expect(ReplyAssertion.contains("").check(reply)! == (false, "not found"))
        #expect(ReplyAssertion.notContains("tf-").check(reply)! == (true, "not found"))
        #expect(ReplyAssertion.notContains("billing TEAM").check(reply)! == (false, "found"))
        #expect(ReplyAssertion.contains("hours.\n\nbest").check(reply)! == (true, "found"))
    }
}
