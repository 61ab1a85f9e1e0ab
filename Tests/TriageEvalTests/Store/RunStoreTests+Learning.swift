import Foundation
import Testing
import TriageEngine
@testable import TriageEval

/// The learning queue's store requirements, on every backend.
extension RunStoreTests {
    static func learnItem(_ conversation: String, source: LearnItem.Source = .correction, status: LearnItem.Status = .pending,
                          expected: ProductionConversation.Labels? = .init(category: "billing", escalate: true, team: "billing", priority: "high")) -> LearnItem {
        let messages: [ProductionConversation.Message] = [.init(role: .customer, text: "I was charged twice, \"really\".\nLine two"),
                                                          .init(role: .agent, text: "Sorry — looking now.")]
        let conversation = ProductionConversation(
            id: conversation, channel: "email", plan: "pro", customer: "Customer-0a1b2c3d", subject: "Charged twice", createdAt: "2026-11-02T09:14:00Z",
            messages: messages, predicted: .init(category: "how_to", escalate: false, team: "none", priority: "low"),
            feedback: .init(type: "thumbs_down", rating: 1, comment: "never sent me to billing"),
            correction: source == .correction ? .init(labels: expected ?? .init(category: "billing"), by: "owner", urgency: "urgent", note: "double charge") : nil)
        return LearnItem(conversationID: conversation.id, source: source, status: status, expected: expected, conversation: conversation,
                         predicted: conversation.predicted, duplicateOf: status == .duplicate ? "core-billing-1" : nil,
                         similarity: status == .duplicate ? 0.9123 : 0.25, reason: status == .approved ? "urgent correction" : nil,
                         embedding: [0.5, -0.25, 0.125], createdAt: Self.date, decidedAt: status == .approved ? Self.date : nil,
                         contentHash: String(repeating: "a", count: 64))
    }

    @Test(arguments: StoreBackend.allCases)
    func aLearnItemRoundTripsEveryField(backend: StoreBackend) throws {
        let fixture = try backend.makeEmptyStore()
        defer { fixture.remove() }
        let store = fixture.store
        let item = Self.learnItem("c-1029", status: .approved)
        let id = try #require(try store.addLearnItem(item))
        var expected = item
        expected.id = id
        expected.conversation.source = ""
        #expect(try store.learnItem(id) == expected)
        #expect(try store.learnItem(id + 1) == nil)

        let feedback = Self.learnItem("c-7", source: .feedback, status: .duplicate, expected: nil)
        let second = try #require(try store.addLearnItem(feedback))
        var expectedFeedback = feedback
        expectedFeedback.id = second
        #expect(try store.learnItem(second) == expectedFeedback)
        #expect(second > id)
    }

    @Test(arguments: StoreBackend.allCases)
    func theSameConversationAndSourceIsStoredOnce(backend: StoreBackend) throws {
        let fixture = try backend.makeEmptyStore()
        defer { fixture.remove() }
        let store = fixture.store
        #expect(try store.addLearnItem(Self.learnItem("c-1")) != nil)
        #expect(try store.addLearnItem(Self.learnItem("c-1")) == nil)
        // Another source of the same conversation is another item.
        #expect(try store.addLearnItem(Self.learnItem("c-1", source: .feedback, expected: nil)) != nil)
        #expect(try store.learnItems(status: nil).map(\.source) == [.correction, .feedback])
    }

    @Test(arguments: StoreBackend.allCases)
    func itemsListByStatusAndUpdateTheirReviewFields(backend: StoreBackend) throws {
        let fixture = try backend.makeEmptyStore()
        defer { fixture.remove() }
        let store = fixture.store
        let a = try #require(try store.addLearnItem(Self.learnItem("c-1")))
        let b = try #require(try store.addLearnItem(Self.learnItem("c-2", source: .feedback, expected: nil)))
        _ = try #require(try store.addLearnItem(Self.learnItem("c-3", status: .duplicate)))
        #expect(try store.learnItems(status: .pending).map(\.id) == [a, b])
        #expect(try store.learnItems(status: .duplicate).map(\.conversationID) == ["c-3"])
        #expect(try store.learnItems(status: .applied) == [])

        var first = try #require(try store.learnItem(a))
        first.status = .applied
        first.appliedSuite = "scenarios/learned.yaml"
        first.decidedAt = Self.date.addingTimeInterval(60)
        var second = try #require(try store.learnItem(b))
        second.status = .rejected
        second.reason = "not a triage mistake"
        second.expected = .init(category: "how_to", escalate: false, team: "none", priority: nil)
        second.decidedAt = Self.date
        try store.updateLearnItems([first, second])
        #expect(try store.learnItem(a) == first)
        #expect(try store.learnItem(b) == second)
        #expect(try store.learnItems(status: .pending) == [])
    }
}
