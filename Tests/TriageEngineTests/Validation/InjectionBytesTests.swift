import Testing
@testable import TriageEngine

/// An ASCII text's injection check matches phrases on byte ranges of its normalized words; the check as it
/// was (a string per word, an analyzed text, ``PhraseIndex/matches(in:)``, words joined for the patterns)
/// is kept here as the reference, with and without patterns.
@Suite("Prompt injection by bytes")
struct InjectionBytesTests {
    /// The former ``InputValidator/injectionMatches(_:)``.
    static func reference(_ text: String, phrases: [Phrase], patterns: PatternSet, normalizer: TextNormalizer) -> [String] {
        let words = normalizer.words(text)
        var found: [String] = []
        if !phrases.isEmpty {
            let index = PhraseIndex(phrases: phrases)
            let analyzed = AnalyzedText(tokens: words.map { AnalyzedText.Token(word: $0, clause: 0, shouted: false) }, exclamations: 0, letterWords: words.count)
            for match in index.matches(in: analyzed) where !found.contains(phrases[match.entry].source) { found.append(phrases[match.entry].source) }
        }
        let normalized = words.joined(separator: " ")
        if !patterns.sources.isEmpty && (patterns.matches(text) || patterns.matches(normalized)) {
            for source in patterns.sources {
                let each = try! LinearRegex(source, caseInsensitive: true)
                if each.matches(text) || each.matches(normalized) { found.append(source) }
            }
        }
        return found
    }

    static let texts: [String] = PhraseIndexASCIITests.texts + PromptInjectionTexts.all

    @Test(arguments: [false, true])
    func findsWhatTheStringPathFinds(withPatterns: Bool) throws {
        let lexicon = Fixtures.policy.lexicon
        let patterns = try PatternSet(withPatterns ? ["ignore\\s+\\w+ instructions", "\\bsystem prompt\\b", "(?i)do not escalate"] : [], caseInsensitive: true)
        let validator = InputValidator(injectionPhrases: lexicon.injectionPhrases, injectionPatterns: patterns, normalizer: lexicon.injectionNormalizer)
        var flagged = 0
        var ascii = 0
        for text in Self.texts {
            let found = validator.injectionMatches(text)
            #expect(found == Self.reference(text, phrases: lexicon.injectionPhrases, patterns: patterns, normalizer: lexicon.injectionNormalizer),
                    "\(text.debugDescription)")
            if !found.isEmpty { flagged += 1 }
            if lexicon.injectionNormalizer.asciiWordBytes(text) != nil { ascii += 1 }
        }
        #expect(flagged > 20)
        #expect(ascii > Self.texts.count / 3)
    }

    @Test func wordRangesAreTheWords() {
        let normalizer = Fixtures.policy.lexicon.injectionNormalizer
        for text in Self.texts {
            guard let (bytes, ranges) = normalizer.asciiWordBytes(text) else { continue }
            #expect(ranges.map { String(decoding: bytes[$0], as: UTF8.self) } == normalizer.scalarWords(text), "\(text.debugDescription)")
        }
    }
}
