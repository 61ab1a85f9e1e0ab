import Foundation
import TriageEngine

/// The review steps of the learning queue over a store: label, approve, reject (README, "Learning from production").
///
/// Every step checks all its ids before it changes anything, so a typo leaves the queue as it was.
public struct LearningQueue: Sendable {
    /// Where the queue lives.
    public var store: any RunStore
    /// The names labels are checked against.
    public var taxonomy: Taxonomy
    /// Redacts what a reviewer types (a rejection's reason) before it is stored or printed.
    public var redactor: Redactor

    /// Creates a queue over a store.
    public init(store: any RunStore, taxonomy: Taxonomy, redactor: Redactor) {
        self.store = store
        self.taxonomy = taxonomy
        self.redactor = redactor
    }

    /// The fields `learn label` sets.
    public static let labelFields = ["category", "escalate", "team", "priority"]

    /// Sets labels from `field=value` assignments (unset fields keep what the item has); a pending, approved
    /// or duplicate item may be labelled, a rejected or applied one not.
    @discardableResult
    public func label(_ id: Int64, assignments: [String], at date: Date = Date()) throws -> LearnItem {
        var item = try existing(id)
        guard item.status != .applied && item.status != .rejected else {
            throw LearningError("item \(id) is \(item.status.rawValue); only pending, approved or duplicate items can be labelled")
        }
        var values: [String: String] = [:]
        for assignment in assignments {
            let parts = assignment.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, Self.labelFields.contains(parts[0]), !parts[1].isEmpty else {
                throw LearningError("\"\(assignment)\": expected FIELD=VALUE with FIELD one of: \(Self.labelFields.joined(separator: ", "))")
            }
            values[parts[0]] = parts[1]
        }
        if values.isEmpty { throw LearningError("expected at least one FIELD=VALUE (\(Self.labelFields.joined(separator: ", ")))") }
        func check(_ field: String, _ allowed: [String]) throws -> String? {
            guard let value = values[field] else { return nil }
            guard allowed.contains(value) else {
                throw LearningError("\(field)=\(value): unknown \(field) \"\(value)\"; expected one of: \(allowed.joined(separator: ", "))")
            }
            return value
        }
        let category = try check("category", taxonomy.categoryNames)
        let escalate = try check("escalate", ["true", "false"]).map { $0 == "true" }
        let team = try check("team", taxonomy.teamNames + ["none"])
        let priority = try check("priority", taxonomy.priorities)
        guard let newCategory = category ?? item.expected?.category else {
            throw LearningError("item \(id) has no category yet; expected category=… among the labels")
        }
        var labels = item.expected ?? .init(category: newCategory)
        labels.category = newCategory
        if let escalate { labels.escalate = escalate }
        if let team { labels.team = team }
        if let priority { labels.priority = priority }
        if labels.escalate == false, let team = labels.team, team != "none" {
            throw LearningError("team=\(team) contradicts escalate=false; expected team=none")
        }
        if labels.escalate == true, labels.team == "none" {
            throw LearningError("team=none contradicts escalate=true; expected one of: \(taxonomy.teamNames.joined(separator: ", "))")
        }
        item.expected = labels
        try store.updateLearnItems([item])
        return item
    }

    /// Approves items (pending or duplicate ones; approved ones stay approved); each must have labels.
    @discardableResult
    public func approve(_ ids: [Int64], at date: Date = Date()) throws -> [LearnItem] {
        var items = try ids.map(existing)
        for item in items {
            guard item.expected != nil else {
                throw LearningError("item \(item.id) has no labels; run `triage-eval learn label \(item.id) category=...` first")
            }
            guard item.status != .applied && item.status != .rejected else {
                throw LearningError("item \(item.id) is \(item.status.rawValue); only pending or duplicate items can be approved")
            }
        }
        for index in items.indices where items[index].status != .approved {
            items[index].status = .approved
            items[index].decidedAt = date
            items[index].reason = nil
        }
        try store.updateLearnItems(items)
        return items
    }

    /// Approves every pending item that has labels; returns them and the pending ones left for want of labels.
    public func approveAll(at date: Date = Date()) throws -> (approved: [LearnItem], unlabelled: [LearnItem]) {
        let pending = try store.learnItems(status: .pending)
        let labelled = pending.filter { $0.expected != nil }
        return (try approve(labelled.map(\.id), at: date), pending.filter { $0.expected == nil })
    }

    /// Rejects items (any but applied ones) with a reason, which is redacted first (``redactedReason(_:)``).
    @discardableResult
    public func reject(_ ids: [Int64], reason: String, at date: Date = Date()) throws -> [LearnItem] {
        guard !reason.allSatisfy(\.isWhitespace) else { throw LearningError("a rejection needs a reason: --reason TEXT") }
        var items = try ids.map(existing)
        let reason = try redactedReason(reason)
        for index in items.indices {
            guard items[index].status != .applied else {
                throw LearningError("item \(items[index].id) is applied already; remove its scenario from \(items[index].appliedSuite ?? "the suite") instead")
            }
            items[index].status = .rejected
            items[index].reason = reason
            items[index].decidedAt = date
        }
        try store.updateLearnItems(items)
        return items
    }

    /// A reviewer's free text as it may be stored: the redaction patterns applied, then every run of one to four
    /// words whose pseudonym is that of a customer in the queue replaced by the pseudonym. The queue keeps no
    /// names, only their keyed hashes, so a customer's full name is recognised this way, but a first name on
    /// its own, or the name of someone who is not a customer in the queue, is not.
    public func redactedReason(_ text: String) throws -> String {
        let pseudonyms = Set(try store.learnItems(status: nil).compactMap(\.conversation.customer))
        return redactor.redactNames(in: redactor.redact(text), pseudonyms: pseudonyms)
    }

    /// The item with this id, or ``LearningError``.
    func existing(_ id: Int64) throws -> LearnItem {
        guard let item = try store.learnItem(id) else { throw LearningError.unknownItem(id) }
        return item
    }
}
