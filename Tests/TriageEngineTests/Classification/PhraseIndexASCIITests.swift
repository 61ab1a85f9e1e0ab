import Testing
@testable import TriageEngine

/// Phrase matching looks ASCII words up by their bytes (``ASCIIWordTable``); the String dictionaries it
/// used before stay as the reference for every other word, and must give exactly the same matches.
@Suite("Phrase index, ASCII lookups")
struct PhraseIndexASCIITests {
    static func described(_ matches: [PhraseIndex.Match]) -> [String] {
        matches.map { "\($0.entry)@\($0.start) negated=\($0.negated) intensity=\($0.intensity)" }
    }

    /// Texts of the shipped scenarios plus the edge and random texts.
    static let texts: [String] = {
        let scenarios = (try? String(contentsOfFile: Fixtures.root + "/scenarios/core.yaml", encoding: .utf8)) ?? ""
        let lines = scenarios.split(separator: "\n").map(String.init).filter { $0.contains("text:") || $0.contains("subject:") }
        return lines + EdgeTexts.all + [
            "I am not happy, really very angry!!! not refunded", "don't cancel, we are NOT leaving", "cancelled cancellation cancel*",
            "ich möchte kündigen, sehr enttäuscht", "reembolso por favor, estoy muy molesto", "no estoy contento",
        ]
    }()

    @Test func matchesAsTheDictionariesDo() {
        let lexicon = Fixtures.policy.lexicon
        let index = PhraseIndex(lexicon: lexicon, categoryNames: Fixtures.policy.taxonomy.categoryNames,
                                signalNames: lexicon.signals.keys.sorted())
        #expect(index.usesASCIILookups)
        let reference = index.withoutASCIILookups()
        #expect(!reference.usesASCIILookups)
        var matched = 0
        for text in Self.texts {
            let analyzed = TextAnalyzer.analyze(text, clauseBreaks: lexicon.clauseBreaks)
            let fast = index.matches(in: analyzed)
            #expect(Self.described(fast) == Self.described(reference.matches(in: analyzed)), "\(text.debugDescription)")
            matched += fast.count
        }
        #expect(matched > 100)
    }

    @Test func tableFindsEveryASCIIKeyAndNothingElse() {
        let keys = ["refund", "cancel", "", "a", "contraseña", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", "refunds", "Refund"]
        let table = try! #require(ASCIIWordTable(keys: keys))
        for (position, key) in keys.enumerated() where key.utf8.allSatisfy({ $0 < 0x80 }) {
            var copy = key
            #expect(copy.withUTF8 { table.position(of: $0) } == position, "\(key)")
        }
        for word in ["refun", "refundss", "cancels", "b", "REFUND", "contrasena"] {
            var copy = word
            #expect(copy.withUTF8 { table.position(of: $0) } == nil, "\(word)")
        }
    }

    @Test func tableRefusesAKeyEqualToAnASCIIWord() {
        // The Kelvin sign is canonically the letter K: as Strings they are equal, as bytes they are not.
        #expect(ASCIIWordTable(keys: ["ok", "\u{212A}ey"]) == nil)
        #expect("\u{212A}ey" == "Key")
        #expect(ASCIIWordTable(keys: ["ok", "straße", "café"]) != nil)
    }
}
