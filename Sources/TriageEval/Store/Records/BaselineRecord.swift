import Foundation
import GRDB

/// A row of the `baseline` table: the approved run of a suite.
struct BaselineRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "baseline"
    /// Approving a new baseline replaces the old one.
    static let persistenceConflictPolicy = PersistenceConflictPolicy(insert: .replace, update: .replace)

    /// The suite name.
    var suite: String
    /// The approved run.
    var runID: Int64
    /// When it was approved.
    var setAt: Date

    enum CodingKeys: String, CodingKey {
        case suite, runID = "run_id", setAt = "set_at"
    }

    /// The columns queries filter and sort on.
    enum Columns {
        static let suite = Column(CodingKeys.suite)
    }
}
