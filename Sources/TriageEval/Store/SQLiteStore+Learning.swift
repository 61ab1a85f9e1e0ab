import Foundation
import GRDB

/// The learning queue's SQL, portable (standard SQL, `?` placeholders) so every backend can use the same text.
enum LearningSQL {
    /// The columns of `learn_item` in the order ``insert`` binds them (all but `id`).
    static let columns = ["conversation_id", "source", "status", "expected_category", "expected_escalate", "expected_team", "expected_priority",
                          "channel", "plan", "pseudonym", "subject", "messages_json", "created_at_source",
                          "predicted_category", "predicted_escalate", "predicted_team", "predicted_priority",
                          "feedback_type", "feedback_rating", "feedback_comment", "correction_by", "correction_urgency", "correction_note",
                          "duplicate_of", "similarity", "reason", "embedding_json", "created_at", "decided_at", "applied_suite", "content_hash"]
    /// Whether an item of a conversation and source exists.
    static let exists = "SELECT id FROM learn_item WHERE conversation_id = ? AND source = ?"
    /// Inserts an item.
    static let insert = "INSERT INTO learn_item (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"
    /// Every item in id order.
    static let all = "SELECT * FROM learn_item ORDER BY id"
    /// The items of one status in id order.
    static let byStatus = "SELECT * FROM learn_item WHERE status = ? ORDER BY id"
    /// One item.
    static let byID = "SELECT * FROM learn_item WHERE id = ?"
    /// Updates the review fields of an item.
    static let update = """
        UPDATE learn_item SET status = ?, expected_category = ?, expected_escalate = ?, expected_team = ?, expected_priority = ?,
        reason = ?, decided_at = ?, applied_suite = ? WHERE id = ?
        """

    /// The values ``insert`` binds, in ``columns`` order.
    static func values(_ item: LearnItem) -> [(any DatabaseValueConvertible)?] {
        let c = item.conversation
        let messages = String(decoding: (try? JSONEncoder().encode(c.messages)) ?? Data("[]".utf8), as: UTF8.self)
        let embedding = "[" + item.embedding.map { String($0) }.joined(separator: ",") + "]"
        return [item.conversationID, item.source.rawValue, item.status.rawValue,
                item.expected?.category, item.expected?.escalate, item.expected?.team, item.expected?.priority,
                c.channel, c.plan, c.customer, c.subject, messages, c.createdAt,
                item.predicted?.category, item.predicted?.escalate, item.predicted?.team, item.predicted?.priority,
                c.feedback?.type, c.feedback?.rating, c.feedback?.comment, c.correction?.by, c.correction?.urgency, c.correction?.note,
                item.duplicateOf, item.similarity, item.reason, embedding, item.createdAt, item.decidedAt, item.appliedSuite, item.contentHash]
    }

    /// An item from a row of `learn_item`.
    static func item(_ row: Row) -> LearnItem {
        func labels(_ side: String) -> ProductionConversation.Labels? {
            guard let category: String = row["\(side)_category"] else { return nil }
            return .init(category: category, escalate: row["\(side)_escalate"], team: row["\(side)_team"], priority: row["\(side)_priority"])
        }
        let messagesText: String = row["messages_json"]
        let messages = (try? JSONDecoder().decode([ProductionConversation.Message].self, from: Data(messagesText.utf8))) ?? []
        let embeddingText: String = row["embedding_json"]
        let embedding = embeddingText.dropFirst().dropLast().split(separator: ",").compactMap { Double(String($0)) }
        let feedbackType: String? = row["feedback_type"]
        let feedback = feedbackType.map { ProductionConversation.Feedback(type: $0, rating: row["feedback_rating"], comment: row["feedback_comment"]) }
        let urgency: String? = row["correction_urgency"]
        let source = LearnItem.Source(rawValue: row["source"]) ?? .feedback
        let correction = source == .correction
            ? ProductionConversation.Correction(labels: labels("expected") ?? .init(category: ""), by: row["correction_by"],
                                                urgency: urgency ?? "normal", note: row["correction_note"])
            : nil
        let conversation = ProductionConversation(id: row["conversation_id"], channel: row["channel"], plan: row["plan"], customer: row["pseudonym"],
                                                  subject: row["subject"], createdAt: row["created_at_source"], messages: messages,
                                                  predicted: labels("predicted"), feedback: feedback, correction: correction)
        return LearnItem(id: row["id"], conversationID: row["conversation_id"], source: source,
                         status: LearnItem.Status(rawValue: row["status"]) ?? .pending, expected: labels("expected"), conversation: conversation,
                         predicted: labels("predicted"), duplicateOf: row["duplicate_of"], similarity: row["similarity"], reason: row["reason"],
                         embedding: embedding, createdAt: row["created_at"], decidedAt: row["decided_at"], appliedSuite: row["applied_suite"],
                         contentHash: row["content_hash"])
    }
}

extension SQLiteStore {
    /// Stores a new queue item and returns its id; nil when the conversation and source are stored already.
    public func addLearnItem(_ item: LearnItem) throws -> Int64? {
        try writer.write { db in
            if try Int64.fetchOne(db, sql: LearningSQL.exists, arguments: [item.conversationID, item.source.rawValue]) != nil { return nil }
            try db.execute(sql: LearningSQL.insert, arguments: StatementArguments(LearningSQL.values(item)))
            return db.lastInsertedRowID
        }
    }

    /// The queue items in id order, only those with `status` when given.
    public func learnItems(status: LearnItem.Status?) throws -> [LearnItem] {
        try writer.read { db in
            let rows = if let status { try Row.fetchAll(db, sql: LearningSQL.byStatus, arguments: [status.rawValue]) }
                else { try Row.fetchAll(db, sql: LearningSQL.all) }
            return rows.map(LearningSQL.item)
        }
    }

    /// The queue item with this id, or nil.
    public func learnItem(_ id: Int64) throws -> LearnItem? {
        try writer.read { db in try Row.fetchOne(db, sql: LearningSQL.byID, arguments: [id]).map(LearningSQL.item) }
    }

    /// Stores the review fields of items in one transaction.
    public func updateLearnItems(_ items: [LearnItem]) throws {
        try writer.write { db in
            for item in items {
                let e = item.expected
                try db.execute(sql: LearningSQL.update, arguments: [item.status.rawValue, e?.category, e?.escalate, e?.team, e?.priority,
                                                                   item.reason, item.decidedAt, item.appliedSuite, item.id])
            }
        }
    }

    /// Registers "v10: learning queue".
    static func registerLearningMigration(in migrator: inout DatabaseMigrator) {
        register("v10: learning queue", in: &migrator) { db in
            try db.create(table: "learn_item") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("conversation_id", .text).notNull()
                t.column("source", .text).notNull()
                t.column("status", .text).notNull()
                for side in ["expected", "predicted"] {
                    t.column("\(side)_category", .text)
                    t.column("\(side)_escalate", .boolean)
                    t.column("\(side)_team", .text)
                    t.column("\(side)_priority", .text)
                }
                t.column("channel", .text).notNull()
                t.column("plan", .text)
                t.column("pseudonym", .text)
                t.column("subject", .text)
                t.column("messages_json", .text).notNull()
                t.column("created_at_source", .text)
                t.column("feedback_type", .text)
                t.column("feedback_rating", .integer)
                t.column("feedback_comment", .text)
                t.column("correction_by", .text)
                t.column("correction_urgency", .text)
                t.column("correction_note", .text)
                t.column("duplicate_of", .text)
                t.column("similarity", .double)
                t.column("reason", .text)
                t.column("embedding_json", .text).notNull()
                t.column("created_at", .datetime).notNull()
                t.column("decided_at", .datetime)
                t.column("applied_suite", .text)
                t.column("content_hash", .text).notNull()
                t.uniqueKey(["conversation_id", "source"])
            }
            try db.create(index: "learn_item_by_status", on: "learn_item", columns: ["status", "id"])
        }
    }
}
