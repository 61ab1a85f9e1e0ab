import GRDB

extension SQLiteStore {
    /// The conversation-quality column of results: their loops, contradictions, health and `quality:` checks.
    static func registerQualityMigration(in migrator: inout DatabaseMigrator) {
        register("v11: result quality", in: &migrator) { db in
            try db.execute(sql: "ALTER TABLE result ADD COLUMN quality_json TEXT NULL")
        }
    }
}
