import Foundation
import Testing
import TriageEngine
@testable import TriageEval

/// Loops, contradictions and health as pure logic, apart from any file.
@Suite("Conversation quality")
struct ConversationQualityTests {
    static func conversation(_ turns: [String]) -> ProductionConversation {
        ProductionConversation(id: "c-1", channel: "email", messages: turns.enumerated().map { .init(role: $0.offset % 2 == 0 ? .customer : .agent, text: $0.element) })
    }

    @Test(arguments: [
        ("Your refund request has been approved.", "I checked again. Your refund request has not been approved.", "negation flip"),
        ("The refund for the second charge is $20.00.", "Update: the refund for the second charge is $35.00.", "different amounts or dates: $20.00 / $35.00"),
        ("Your replacement ships on March 3.", "Your replacement ships on March 9.", "different amounts or dates: 3 march / 9 march"),
        ("Your refund was approved this morning.", "Unfortunately the refund request was declined.", nil),
        ("Your refund request has been approved.", "Your refund request has been approved and paid.", nil),
        ("The refund for the second charge is $20.00.", "The invoice for your plan is $35.00.", nil),
    ] as [(String, String, String?)])
    func offlineContradictions(_ earlier: String, _ later: String, _ reason: String?) {
        let findings = OfflineContradictionCheck().findings(in: Self.conversation(["Hi", earlier, "Sure?", later]).messages)
        #expect(findings.map(\.reason) == (reason.map { [$0] } ?? []))
        #expect(findings.map(\.earlier.number) == (reason == nil ? [] : [2]))
    }

    @Test func oppositeYesNoToTheSameQuestion() {
        let messages = Self.conversation(["Hello. Is my account eligible for the annual discount?", "Yes, your plan qualifies.",
                                          "Just to confirm, is my account eligible for the annual discount?", "No, that offer only covers new customers.",
                                          "Do you ship to Canada?", "Yes, we do."]).messages
        let findings = OfflineContradictionCheck().findings(in: messages)
        #expect(findings.map { [$0.earlier.number, $0.later.number] } == [[2, 4]])
        #expect(findings.first?.reason == "opposite yes/no answers to the same question")
    }

    @Test func loopsContradictionsAndHealth() async throws {
        let repeated = "Please clear your browser cache and sign in again from the login page."
        let conversation = Self.conversation(["I cannot log in", repeated, "Still broken", "Thanks!", "Hmm", "Thanks!", "Again?", repeated,
                                              "And the refund?", "Your refund request has been approved.", "Really?", "Your refund request has not been approved."])
        let quality = try await ConversationQualityChecker().check(conversation)
        #expect(quality.loops.map { [$0.earlier.number, $0.later.number] } == [[2, 8]])  // "Thanks!" is too short to count
        #expect(quality.loops.first?.similarity.map { abs($0 - 1) < 1e-9 } == true)
        // The contradicting pair is highly similar too, but a contradiction is not also a loop.
        #expect(quality.contradictions.map { [$0.earlier.number, $0.later.number] } == [[10, 12]])
        #expect(quality.health == 100 - 25 - 35)
        #expect(quality.agentTurns == 6)
    }

    @Test(arguments: [(0, 0, 100), (1, 0, 75), (0, 1, 65), (2, 1, 15), (3, 2, 0)])
    func healthFormula(_ loops: Int, _ contradictions: Int, _ expected: Int) {
        #expect(HealthScore.standard.score(loops: loops, contradictions: contradictions) == expected)
    }

    @Test func reportRenderingsArePinned() async throws {
        let conversations = [Self.conversation(["Hi", "Your refund request has been approved.", "Sure?", "Your refund request has not been approved."]),
                             Self.conversation(["Hi", "Hello there, how can I help?"])].enumerated().map { index, conversation in
            var copy = conversation
            copy.id = "c-\(index + 1)"
            copy.source = "e.jsonl:\(index + 1)"
            return copy
        }
        let report = try await ConversationQualityChecker().report(conversations)
        #expect(report.text() == """
            Conversation quality: 2 conversations, mean health 82.5; 0 with loops, 1 with contradictions
              loops: similarity >= 0.85 by hashed-trigram-512; contradictions: offline-negation-values-yesno

            c-1 (health 65, e.jsonl:1)
              contradiction (negation flip)
                turn 2: "Your refund request has been approved."
                turn 4: "Your refund request has not been approved."

            """)
        #expect(report.markdown() == """
            ## Conversation quality

            2 conversations, mean health 82.5; 0 with loops, 1 with contradictions.

            _loops: similarity >= 0.85 by hashed-trigram-512; contradictions: offline-negation-values-yesno_

            | Conversation | Health | Check | Earlier turn | Later turn |
            |---|---:|---|---|---|
            | `c-1` | 65 | contradiction (negation flip) | 2: Your refund request has been approved. | 4: Your refund request has not been approved. |

            """)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try report.json().utf8)) as? [String: Any])
        #expect(json["mean_health"] as? Double == 82.5)
        #expect((json["failed"] as? [[String: Any]])?.first?["id"] as? String == "c-1")
    }

    /// Customer-controlled text cannot break a table, inject HTML or send terminal escapes.
    @Test func hostileTurnTextIsNeutralised() async throws {
        let hostile = "Reset it here <script>x()</script> | now \u{1B}[2J please, reset it here"
        let report = try await ConversationQualityChecker().report([Self.conversation(["Hi", hostile, "What?", hostile])])
        #expect(report.markdown().contains("| 2: Reset it here &lt;script&gt;x()&lt;/script&gt; \\| now \u{FFFD}[2J please, reset it here |"))
        #expect(report.text().contains("turn 4: \"Reset it here <script>x()</script> | now \u{FFFD}[2J please, reset it here\""))
        #expect(!report.text().contains("\u{1B}"))
    }
}
