import Testing
@testable import TriageEngine

@Suite("Text analyzer")
struct TextAnalyzerTests {
    @Test func wordsClausesAndShouting() {
        let text = TextAnalyzer.analyze("I was NOT charged, but THE APP CRASHED! Don’t know why.", clauseBreaks: ["but"])
        #expect(text.tokens.map(\.word) == ["i", "was", "not", "charged", "the", "app", "crashed", "don't", "know", "why"])
        #expect(text.tokens.map(\.clause) == [0, 0, 0, 0, 2, 2, 2, 3, 3, 3])
        #expect(text.tokens.filter(\.shouted).map(\.word) == ["not", "the", "app", "crashed"])
        #expect(text.exclamations == 1)
    }

    @Test func accentsFoldAndHyphensSplit() {
        #expect(TextAnalyzer.words(of: "Contraseña olvidada, log-in DÉJÀ") == ["contrasena", "olvidada", "log", "in", "deja"])
    }

    @Test func phrasesKeepStars() {
        #expect(TextAnalyzer.words(of: "refund* please", keepStars: true) == ["refund*", "please"])
        #expect(Phrase("refund* now")?.words == [.prefix("refund"), .exact("now")])
    }
}
