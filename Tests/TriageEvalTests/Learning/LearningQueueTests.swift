import Foundation
import Testing
import TriageEngine
@testable import TriageEval

/// The review steps as plain state changes over an in-memory store, with their exact refusals.
@Suite("Learning queue: label, approve, reject, apply")
struct LearningQueueTests {
    static let taxonomy = EvalFixtures.policy.taxonomy
    static let redactor = try! RedactionLoader.load(directory: EvalFixtures.root + "/rules", environment: ["TRIAGE_EVAL_PSEUDONYM_KEY": "queue-tests"])

    /// A store holding one correction (urgent or not) and one negative-feedback item.
    static func store() throws -> (SQLiteStore, correction: Int64, feedback: Int64) {
        let store = try SQLiteStore(path: ":memory:")
        let correction = try #require(try store.addLearnItem(RunStoreTests.learnItem("c-1")))
        let feedback = try #require(try store.addLearnItem(RunStoreTests.learnItem("c-2", source: .feedback, expected: nil)))
        return (store, correction, feedback)
    }

    static func error(_ body: () throws -> Any) -> String { EvalFixtures.errorText(body) }

    @Test func labelsAreCheckedAgainstTheTaxonomy() throws {
        let (store, _, feedback) = try Self.store()
        let queue = LearningQueue(store: store, taxonomy: Self.taxonomy, redactor: Self.redactor)
        let categories = Self.taxonomy.categoryNames.joined(separator: ", ")
        #expect(Self.error { try queue.label(feedback, assignments: ["category=refund"]) }
            == "category=refund: unknown category \"refund\"; expected one of: \(categories)")
        #expect(Self.error { try queue.label(feedback, assignments: ["colour=red"]) }
            == "\"colour=red\": expected FIELD=VALUE with FIELD one of: category, escalate, team, priority")
        #expect(Self.error { try queue.label(feedback, assignments: ["escalate=yes"]) }
            == "escalate=yes: unknown escalate \"yes\"; expected one of: true, false")
        #expect(Self.error { try queue.label(feedback, assignments: ["priority=high"]) }
            == "item \(feedback) has no category yet; expected category=… among the labels")
        #expect(Self.error { try queue.label(feedback, assignments: ["category=billing", "escalate=false", "team=billing"]) }
            == "team=billing contradicts escalate=false; expected team=none")
        #expect(Self.error { try queue.label(99, assignments: ["category=billing"]) } == "no learning item 99; `triage-eval learn list` shows them")
        #expect(try store.learnItem(feedback)?.expected == nil)

        let item = try queue.label(feedback, assignments: ["category=billing", "escalate=true", "team=billing"])
        #expect(item.expected == .init(category: "billing", escalate: true, team: "billing", priority: nil))
        #expect(try store.learnItem(feedback)?.expected == item.expected)
        // Later labels change only the fields given.
        #expect(try queue.label(feedback, assignments: ["priority=high"]).expected == .init(category: "billing", escalate: true, team: "billing", priority: "high"))
    }

    @Test func approvingNeedsLabelsAndLeavesEverythingAsItWasWhenOneIdIsBad() throws {
        let (store, correction, feedback) = try Self.store()
        let queue = LearningQueue(store: store, taxonomy: Self.taxonomy, redactor: Self.redactor)
        #expect(Self.error { try queue.approve([correction, feedback]) }
            == "item \(feedback) has no labels; run `triage-eval learn label \(feedback) category=...` first")
        #expect(try store.learnItem(correction)?.status == .pending)
        let all = try queue.approveAll(at: RunStoreTests.date)
        #expect(all.approved.map(\.id) == [correction])
        #expect(all.unlabelled.map(\.id) == [feedback])
        #expect(try store.learnItem(correction)?.status == .approved)
        #expect(try store.learnItem(correction)?.decidedAt == RunStoreTests.date)
    }

    @Test func rejectingNeedsAReasonAndKeepsIt() throws {
        let (store, correction, feedback) = try Self.store()
        let queue = LearningQueue(store: store, taxonomy: Self.taxonomy, redactor: Self.redactor)
        #expect(Self.error { try queue.reject([feedback], reason: " ") } == "a rejection needs a reason: --reason TEXT")
        try queue.reject([feedback], reason: "the customer was testing")
        #expect(try store.learnItem(feedback)?.status == .rejected)
        #expect(try store.learnItem(feedback)?.reason == "the customer was testing")
        #expect(Self.error { try queue.approve([feedback]) } == "item \(feedback) has no labels; run `triage-eval learn label \(feedback) category=...` first")
        #expect(Self.error { try queue.label(feedback, assignments: ["category=billing"]) }
            == "item \(feedback) is rejected; only pending, approved or duplicate items can be labelled")
        _ = correction
    }

    /// What a reviewer types is redacted like a conversation before it is stored: the patterns of
    /// `rules/redaction.yaml`, and the full name of any customer in the queue (recognised by its pseudonym).
    @Test func aRejectionReasonIsRedactedBeforeItIsStored() throws {
        let (store, _, feedback) = try Self.store()
        let pseudonym = Self.redactor.pseudonymizer.pseudonym(for: "Lena Kowalski")
        var named = RunStoreTests.learnItem("c-3", source: .feedback, expected: nil)
        named.conversation.customer = pseudonym
        let id = try #require(try store.addLearnItem(named))
        let queue = LearningQueue(store: store, taxonomy: Self.taxonomy, redactor: Self.redactor)
        let reason = "lena  KOWALSKI was testing (lena.k@example.com, +44 20 7946 0958, card 4111 1111 1111 1111, "
            + "IBAN GB82 WEST 1234 5698 7654 32, 221 Baker Street); Lena alone, or Dana Brennagh, is not recognised."
        let expected = "\(pseudonym) was testing ([email], [phone], card [card], IBAN [iban], [address]); "
            + "Lena alone, or Dana Brennagh, is not recognised."
        let rejected = try queue.reject([id, feedback], reason: reason)
        #expect(rejected.map(\.reason) == [expected, expected])
        #expect(try store.learnItem(id)?.reason == expected)
        #expect(try store.learnItem(feedback)?.reason == expected)
        // A name at the end of a sentence, with its full stop.
        #expect(try queue.redactedReason("Spoke to Lena Kowalski.") == "Spoke to \(pseudonym).")
    }

    @Test func applyAppendsToASuiteKeepingWhatItHoldsAndMarksItemsApplied() throws {
        let directory = try EvalFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("learned.yaml").path
        let existing = EvalFixtures.header.replacingOccurrences(of: "suite: t", with: "# kept comment\nsuite: learned")
        try existing.write(toFile: path, atomically: true, encoding: .utf8)
        let (store, correction, _) = try Self.store()
        let queue = LearningQueue(store: store, taxonomy: Self.taxonomy, redactor: Self.redactor)
        let writer = LearnedSuiteWriter(taxonomy: Self.taxonomy)
        #expect(Self.error { try writer.apply(store: store, path: path) } == "no approved items to apply; `triage-eval learn approve ID…` first")
        try queue.approve([correction])
        let outcome = try writer.apply(store: store, path: path, at: RunStoreTests.date)
        #expect(outcome.suite.scenarios.map(\.id) == ["a", "learned-c-1"])
        let learned = outcome.suite.scenarios[1]
        #expect(learned.tags == ["learned", "correction"])
        #expect(learned.expect.category == "billing")
        #expect(learned.expect.escalate == true)
        #expect(learned.ticket.messages.map(\.text) == ["I was charged twice, \"really\".\nLine two", "Sorry — looking now."])
        #expect(learned.ticket.customer == "Customer-0a1b2c3d")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix(existing))
        #expect(try store.learnItem(correction)?.status == .applied)
        #expect(try store.learnItem(correction)?.appliedSuite == path)

        // Applying the same conversation again would duplicate its id: the loader refuses and the file stays as it was.
        let again = try #require(try store.addLearnItem(RunStoreTests.learnItem("c-1", source: .feedback)))
        try queue.approve([again])
        let message = Self.error { try writer.apply(store: store, path: path) }
        #expect(message.hasPrefix("\(path):"))
        #expect(message.contains("duplicate scenario id \"learned-c-1\""))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
        #expect(try store.learnItem(again)?.status == .approved)
        #expect(!FileManager.default.fileExists(atPath: path + ".tmp-\(getpid())"))
    }

    @Test func aNewSuiteFileIsNamedAfterTheFileAndAFileNotEndingInScenariosIsRefused() throws {
        let directory = try EvalFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (store, correction, _) = try Self.store()
        try LearningQueue(store: store, taxonomy: Self.taxonomy, redactor: Self.redactor).approve([correction])
        let writer = LearnedSuiteWriter(taxonomy: Self.taxonomy)
        let odd = directory.appendingPathComponent("odd.yaml").path
        try (EvalFixtures.header + "gates:\n  accuracy: 0.5\n").write(toFile: odd, atomically: true, encoding: .utf8)
        #expect(Self.error { try writer.apply(store: store, path: odd) }
            == "\(odd): cannot append: expected `scenarios:` to be the file's last top-level key")
        let fresh = directory.appendingPathComponent("sub/Prod Learned.yaml").path
        let outcome = try writer.apply(store: store, path: fresh)
        #expect(outcome.suite.name == "prod_learned")
        #expect(outcome.suite.scenarios.map(\.id) == ["learned-c-1"])
    }
}
