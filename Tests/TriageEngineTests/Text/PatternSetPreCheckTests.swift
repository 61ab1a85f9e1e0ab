import Testing
@testable import TriageEngine

/// The literal pre-check of ``PatternSet`` lowers the text as it compares instead of copying it first; it
/// must answer what the copying check (kept as the reference) answers.
@Suite("Pattern set pre-check without a copy")
struct PatternSetPreCheckTests {
    static let needles: [[UInt8]] = ["tf-", "ignore", "e\u{0301}", "ab", "a", "\n", "k", "s", "é"].map { Array($0.utf8) }

    @Test func loweringInPlaceMatchesCopy() {
        var compared = 0
        for text in EdgeTexts.all {
            var copy = text
            copy.withUTF8 { bytes in
                guard !PatternSet.mayHoldSign(bytes) else { return }
                let lowered = PatternSet.lowered(Array(bytes))
                for needle in Self.needles {
                    #expect(PatternSet.containsLowered(bytes, needle) == PatternSet.contains(lowered, needle), "\(text.debugDescription)")
                    compared += 1
                }
            }
        }
        #expect(compared > 1_000 * Self.needles.count)
    }

    @Test func signsStillTakeTheFoldingPath() throws {
        let set = try PatternSet(["\\bkey[0-9]"], caseInsensitive: true)
        #expect(set.matches("the \u{212A}ey1 here"))
        #expect(set.matches("the KEY1 here"))
        #expect(!set.matches("the ke y1 here"))
        let redactions = try PatternSet(["\\bTF-[0-9A-Z-]+"], caseInsensitive: false)
        #expect(redactions.removing(from: "see TF-12AB now") == "see  now")
        #expect(redactions.removing(from: "see tf-12 now") == "see tf-12 now")
    }
}
