import Foundation
import Testing
@testable import TriageEngine

/// The classifier's arithmetic comes from the lexicon's `tuning:` block: every value loads, a changed value
/// changes decisions, and a bad one is reported where it is written.
@Suite("Lexical tuning")
struct LexicalTuningTests {
    /// A small valid lexicon (with the signals the shipped rules read) whose line 6 starts `block`.
    static func lexicon(_ block: String) -> String {
        LexiconLoadingTests.lexicon(block + "\nsignals: {recovered: [restored], trivial: [minor], compromise: [hacked], blocked: [outage]}\n")
    }

    /// The shipped lexicon states every tuning value, so none silently falls back to the built-in one.
    @Test func shippedLexiconStatesEveryValue() throws {
        let root = try YAMLFile.read(path: Fixtures.root + "/rules/lexicon.yaml").root().mapping(allowed: [], what: "the lexicon")
        let tuning = try root.require("tuning").mapping(allowed: LexicalTuning.keys, what: "the tuning block")
        #expect(tuning.entries.map(\.key).sorted() == LexicalTuning.keys.sorted())
        #expect(try tuning.require("shouting").mapping(allowed: [], what: "shouting").entries.count == 5)
        #expect(try tuning.require("confidence").mapping(allowed: [], what: "confidence").entries.count == 4)
    }

    @Test func everyValueLoads() throws {
        let policy = try Fixtures.policy(lexicon: Self.lexicon("""
            tuning:
              negated_praise: 0.25
              shouting: {min_words: 2, min_share: 0.5, always_words: 9, max: 0.4, without_cues: 0.75}
              exclamation_max_marks: 2
              cue_decay: 0.6
              complaint_threshold: -0.4
              praise_in_complaint: 0.3
              confidence: {margin_weight: 0.5, evidence_cap: 8, evidence_divisor: 20, default: 0.2}
            """))
        var expected = LexicalTuning()
        expected.negatedPraise = 0.25
        expected.shoutingMinWords = 2
        expected.shoutingMinShare = 0.5
        expected.shoutingAlwaysWords = 9
        expected.shoutingMax = 0.4
        expected.shoutingWithoutCues = 0.75
        expected.exclamationMaxMarks = 2
        expected.cueDecay = 0.6
        expected.complaintThreshold = -0.4
        expected.praiseInComplaint = 0.3
        expected.confidenceMarginWeight = 0.5
        expected.confidenceEvidenceCap = 8
        expected.confidenceEvidenceDivisor = 20
        expected.defaultConfidence = 0.2
        #expect(policy.lexicon.tuning == expected)
    }

    /// With no category evidence the default category gets the configured confidence; with evidence, the
    /// confidence follows the configured formula (refund: 4, nothing else: 0.6 * 4/5 + 4/15 by default).
    @Test func confidenceFollowsTheFile() throws {
        let standard = LexicalClassifier(policy: try Fixtures.policy(lexicon: Self.lexicon("")))
        let tuned = LexicalClassifier(policy: try Fixtures.policy(lexicon: Self.lexicon("""
            tuning:
              confidence: {margin_weight: 0.5, evidence_cap: 2, evidence_divisor: 10, default: 0.42}
            """)))
        let nothing = Fixtures.ticket("hello there")
        #expect(standard.classifySync(nothing, stage: 1).confidence == 0.3)
        #expect(tuned.classifySync(nothing, stage: 1).confidence == 0.42)
        let refund = Fixtures.ticket("I want a refund")
        #expect(standard.classifySync(refund, stage: 1).confidence == ((0.6 * 4 / 5 + 4.0 / 15) * 1000).rounded() / 1000)
        #expect(tuned.classifySync(refund, stage: 1).confidence == ((0.5 * 4 / 5 + 2.0 / 10) * 1000).rounded() / 1000)
    }

    /// Negated praise leans negative by the configured share.
    @Test func negatedPraiseFollowsTheFile() throws {
        func score(_ share: Double) throws -> Double {
            let text = Self.lexicon("tuning: {negated_praise: \(share)}\n")
                .replacingOccurrences(of: "sentiment: {bad: -0.3}", with: "sentiment: {happy: 0.5}")
            return LexicalClassifier(policy: try Fixtures.policy(lexicon: text)).classifySync(Fixtures.ticket("I am not happy"), stage: 1).sentimentScore
        }
        #expect(try score(0.5) < 0)
        #expect(try score(0) == 0)
        #expect(try score(0.5) == -0.25)
    }

    @Test(arguments: [
        ("tuning: {shouting: {max: 2}}", """
            rules/lexicon.yaml:6:26: error: expected shouting max between 0 and 1, found 2
            tuning: {shouting: {max: 2}}
                                     ^
            """),
        ("tuning: {shout: 1}", """
            rules/lexicon.yaml:6:10: error: unknown key "shout" in the tuning block; expected one of: negated_praise, shouting, exclamation_max_marks, \
            cue_decay, complaint_threshold, praise_in_complaint, confidence
            tuning: {shout: 1}
                     ^
            """),
        ("tuning: {exclamation_max_marks: many}", """
            rules/lexicon.yaml:6:33: error: expected exclamation_max_marks (a whole number), found "many"
            tuning: {exclamation_max_marks: many}
                                            ^
            """),
    ])
    func badValueIsPositioned(block: String, expected: String) {
        #expect(Fixtures.errorText { try Fixtures.policy(lexicon: Self.lexicon(block)) } == expected)
    }
}
