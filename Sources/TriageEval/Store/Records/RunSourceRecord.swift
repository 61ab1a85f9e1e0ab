import GRDB

/// A row of the `run_source` table: one file a run used, with its SHA-256.
struct RunSourceRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "run_source"
    /// A file listed twice keeps its last hash, as it always did.
    static let persistenceConflictPolicy = PersistenceConflictPolicy(insert: .replace, update: .replace)

    /// The run.
    var runID: Int64
    /// `rules`, `prompt`, `suite`, `model`…
    var kind: String
    /// The path as given.
    var path: String
    /// SHA-256 of the content.
    var sha256: String

    enum CodingKeys: String, CodingKey {
        case runID = "run_id", kind, path, sha256
    }

    /// The columns queries filter on.
    enum Columns {
        static let runID = Column(CodingKeys.runID)
    }
}
