import Testing
@testable import TriageEngine

/// The classifier checks ASCII words against the clause breaks by bytes; the String set stays the
/// reference: the same tokens, clauses, sentences and counts on scenario, edge and random texts.
@Suite("Text analyzer, clause breaks by bytes")
struct TextAnalyzerBreaksTests {
    static func described(_ text: AnalyzedText) -> [String] {
        text.tokens.map { "\($0.word)/c\($0.clause)/s\($0.sentence)/\($0.shouted)/e\($0.emphasis)" }
            + ["\(text.exclamations) \(text.letterWords) \(text.emphasis) \(text.questions)"]
    }

    @Test func analyzesAsTheSetDoes() throws {
        let breaks = Fixtures.policy.lexicon.clauseBreaks
        let table = try #require(ASCIIWordTable(keys: Array(breaks)))
        var clauses = 0
        for text in PhraseIndexASCIITests.texts + ["ok but 'but' BUT but' no, aber pero mais", "but", "'''", "it's but"] {
            let fast = TextAnalyzer.analyze(text, clauseBreaks: breaks, asciiBreaks: table)
            #expect(Self.described(fast) == Self.described(TextAnalyzer.analyze(text, clauseBreaks: breaks)), "\(text.debugDescription)")
            clauses += fast.tokens.last?.clause ?? 0
        }
        #expect(clauses > 100)
        #expect(breaks.contains("but"))
    }
}
