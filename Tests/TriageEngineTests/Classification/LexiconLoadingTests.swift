import Testing
@testable import TriageEngine

/// The lexicon keys the classifier's generalization rests on (cues, question cues, negatable words, signal traps,
/// the frustration floor): they load from YAML, and a mistake in them is reported where it is written.
@Suite("Lexicon loading")
struct LexiconLoadingTests {
    /// A small valid lexicon with `extra` appended.
    static func lexicon(_ extra: String) -> String {
        """
        negators: [not]
        categories:
          billing: {refund: 4}
        churn: {cancel: 1}
        sentiment: {bad: -0.3}

        """ + extra
    }

    @Test func newKeysLoad() throws {
        let policy = try Fixtures.policy(lexicon: Self.lexicon("""
            cues:
              billing: {card: 0.5, "bank transfer": 1}
            question_cues: {how_to: 0.5}
            negatable:
              data_loss: [lost, disappear*]
            frustration_floor: -0.55
            subject_sentiment_weight: 0.2
            signals:
              recovered: {restored: 1, "want it restored": -1}
              trivial: [minor]
              compromise: [hacked]
              blocked: [outage]
            """))
        let lexicon = policy.lexicon
        #expect(lexicon.cues["billing"]?.map(\.weight) == [0.5, 1])
        #expect(lexicon.questionCues == ["how_to": 0.5])
        #expect(lexicon.negatable["data_loss"] == [.exact("lost"), .prefix("disappear")])
        #expect(lexicon.frustrationFloor == -0.55)
        #expect(lexicon.subjectSentimentWeight == 0.2)
        #expect(lexicon.signals["recovered"]?.map(\.weight) == [1, -1])
        #expect(lexicon.signals["trivial"]?.map(\.weight) == [1])
    }

    @Test func cueForUnknownCategory() {
        let text = Self.lexicon("""
            cues:
              refunds: {card: 0.5}
            """)
        #expect(Fixtures.errorText { try Fixtures.policy(lexicon: text) } == """
            rules/lexicon.yaml:7:3: error: unknown category "refunds"; expected one of: security, legal_privacy, billing, account_deletion, data_loss, account_access, technical_bug, feature_request, how_to, general
              refunds: {card: 0.5}
              ^
            """)
    }

    @Test func cueWeightAboveOne() {
        let text = Self.lexicon("""
            cues:
              billing: {card: 2}
            """)
        #expect(Fixtures.errorText { try Fixtures.policy(lexicon: text) } == """
            rules/lexicon.yaml:7:19: error: expected weight of "card" between 0 and 1, found 2
              billing: {card: 2}
                              ^
            """)
    }

    @Test func negatableTakesSingleWords() {
        let text = Self.lexicon("""
            negatable:
              data_loss: [lost, "was lost"]
            """)
        #expect(Fixtures.errorText { try Fixtures.policy(lexicon: text) } == """
            rules/lexicon.yaml:7:21: error: expected one word or stem (e.g. lost or disappear*), found "was lost"
              data_loss: [lost, "was lost"]
                                ^
            """)
    }

    @Test func questionCueForUnknownCategory() {
        let text = Self.lexicon("question_cues: {howto: 0.5}")
        #expect(Fixtures.errorText { try Fixtures.policy(lexicon: text) } == """
            rules/lexicon.yaml:6:17: error: unknown category "howto"; expected one of: security, legal_privacy, billing, account_deletion, data_loss, account_access, technical_bug, feature_request, how_to, general
            question_cues: {howto: 0.5}
                            ^
            """)
    }

    @Test func signalPhraseWithZeroWeight() {
        let text = Self.lexicon("""
            signals:
              recovered: {restored: 0}
            """)
        #expect(Fixtures.errorText { try Fixtures.policy(lexicon: text) } == """
            rules/lexicon.yaml:7:25: error: weight of "restored" is 0; expected 1 (evidence) or -1 (a trap)
              recovered: {restored: 0}
                                    ^
            """)
    }

    @Test func frustrationFloorOutOfRange() {
        let text = Self.lexicon("frustration_floor: 0.5")
        #expect(Fixtures.errorText { try Fixtures.policy(lexicon: text) }.hasPrefix(
            "rules/lexicon.yaml:6:20: error: expected frustration_floor between -1 and 0, found 0.5"))
    }
}
