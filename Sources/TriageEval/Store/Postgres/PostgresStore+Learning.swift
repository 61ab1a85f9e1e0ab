import Foundation
import GRDB

extension PostgresStore {
    /// Stores a new queue item and returns its id; nil when the conversation and source are stored already
    /// (the unique key decides, so two processes importing the same export at once store it once).
    public func addLearnItem(_ item: LearnItem) throws -> Int64? {
        try write { connection in
            let inserted = try connection.execute(LearningSQL.insert + " ON CONFLICT (conversation_id, source) DO NOTHING RETURNING id",
                                                  values: LearningSQL.values(item))
            return inserted.rowCount == 0 ? nil : inserted.get(0, 0, as: Int64.self)
        }
    }

    /// The queue items in id order, only those with `status` when given.
    public func learnItems(status: LearnItem.Status?) throws -> [LearnItem] {
        try read { connection in
            let result = if let status { try connection.execute(LearningSQL.byStatus, values: [status.rawValue]) }
                else { try connection.execute(LearningSQL.all, values: []) }
            return (0..<result.rowCount).map { LearningSQL.item(result.row($0)) }
        }
    }

    /// The queue item with this id, or nil.
    public func learnItem(_ id: Int64) throws -> LearnItem? {
        try read { connection in
            let result = try connection.execute(LearningSQL.byID, values: [id])
            return result.rowCount == 0 ? nil : LearningSQL.item(result.row(0))
        }
    }

    /// Stores the review fields of items in one transaction.
    public func updateLearnItems(_ items: [LearnItem]) throws {
        try write { connection in
            for item in items {
                let e = item.expected
                _ = try connection.execute(LearningSQL.update, values: [item.status.rawValue, e?.category, e?.escalate, e?.team, e?.priority,
                                                                          item.reason, item.decidedAt, item.appliedSuite, item.id])
            }
        }
    }

    /// "v5: learning queue": the same table as SQLite's "v10: learning queue".
    static let learningMigration = Migration(version: "v5: learning queue", sql: """
        CREATE TABLE learn_item (
            id BIGSERIAL PRIMARY KEY,
            conversation_id TEXT NOT NULL,
            source TEXT NOT NULL,
            status TEXT NOT NULL,
            expected_category TEXT,
            expected_escalate BOOLEAN,
            expected_team TEXT,
            expected_priority TEXT,
            predicted_category TEXT,
            predicted_escalate BOOLEAN,
            predicted_team TEXT,
            predicted_priority TEXT,
            channel TEXT NOT NULL,
            plan TEXT,
            pseudonym TEXT,
            subject TEXT,
            messages_json TEXT NOT NULL,
            created_at_source TEXT,
            feedback_type TEXT,
            feedback_rating BIGINT,
            feedback_comment TEXT,
            correction_by TEXT,
            correction_urgency TEXT,
            correction_note TEXT,
            duplicate_of TEXT,
            similarity DOUBLE PRECISION,
            reason TEXT,
            embedding_json TEXT NOT NULL,
            created_at TIMESTAMPTZ NOT NULL,
            decided_at TIMESTAMPTZ,
            applied_suite TEXT,
            content_hash TEXT NOT NULL,
            UNIQUE (conversation_id, source)
        );
        CREATE INDEX learn_item_by_status ON learn_item (status, id)
        """)
}
