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

@Suite("Text analyzer: sentences, emphasis, questions")
struct TextAnalyzerSentenceTests {
    @Test func sentencesEndAtMarksButNotInsideNumbers() {
        let text = TextAnalyzer.analyze("It costs 19.99 now. Really?? Yes!! ok e.g. this")
        #expect(text.tokens.map(\.word) == ["it", "costs", "19", "99", "now", "really", "yes", "ok", "e", "g", "this"])
        #expect(text.tokens.map(\.sentence) == [0, 0, 0, 0, 0, 1, 2, 3, 3, 3, 4])
        #expect(TextAnalyzer.analyze("first line\nsecond line").tokens.map(\.sentence) == [0, 0, 1, 1])
    }

    @Test func emphasisCountsExclamationsAndRepeatedQuestionMarks() {
        let text = TextAnalyzer.analyze("Why? Why?? Stop!!! Fine?!")
        #expect(text.exclamations == 4)
        // "?" 0, "??" 2, "!!!" 3, "?!" 1
        #expect(text.emphasis == 6)
        #expect(text.tokens.map(\.emphasis) == [0, 2, 3, 1])
        #expect(text.questions == 3)
    }

    @Test func currencySymbolsAreWordsOfTheirOwn() {
        #expect(TextAnalyzer.words(of: "Charged $49.00, then 15€ and £3") == ["charged", "$", "49", "00", "then", "15", "€", "and", "£", "3"])
        #expect(Phrase("$")?.words == [.exact("$")])
    }
}
