import Testing
@testable import TriageEngine

/// ``LexicalClassifier/classifyStages(_:)`` analyses each text once for both stages; classifying each stage
/// on its own (``LexicalClassifier/classifySync(_:stage:)``) is the reference.
@Suite("Both stages from one analysis")
struct ClassifyStagesTests {
    @Test func stagesAsEachOnItsOwn() {
        let classifier = LexicalClassifier(policy: Fixtures.policy)
        let texts = PhraseIndexASCIITests.texts
        let shapes: [[Message.Role]] = [[.customer], [.customer, .agent, .customer], [.agent, .customer], [.customer, .customer, .agent, .customer, .agent],
                                        [.customer, .agent, .customer, .agent, .customer], [.agent], []]
        var staged = 0
        for (offset, shape) in shapes.enumerated() {
            for (index, subject) in [nil, "", "Refund NOW, I'm cancelling"].enumerated() {
                for start in stride(from: offset + index, to: texts.count, by: 37) {
                    let messages = shape.enumerated().map { Message(role: $1, text: texts[(start + $0 * 11) % texts.count]) }
                    let ticket = Ticket(id: "t", channel: "email", plan: "pro", customer: "Ann", subject: subject, messages: messages)
                    let (stage1, stage2) = classifier.classifyStages(ticket)
                    #expect(stage1 == classifier.classifySync(ticket, stage: 1))
                    #expect(stage2 == (ticket.hasAgentReply ? classifier.classifySync(ticket, stage: 2) : nil))
                    if stage2 != nil { staged += 1 }
                }
            }
        }
        #expect(staged > 100)
    }
}
