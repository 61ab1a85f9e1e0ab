import GRDB

/// A row of the `request` table: a rendered request body, stored once per distinct body.
struct RequestRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "request"
    /// Many runs send the same body; the first copy stays.
    static let persistenceConflictPolicy = PersistenceConflictPolicy(insert: .ignore, update: .abort)

    /// SHA-256 of the body.
    var hash: String
    /// The body.
    var body: String

    /// The columns queries read.
    enum Columns {
        static let hash = Column(CodingKeys.hash)
        static let body = Column(CodingKeys.body)
    }
}
