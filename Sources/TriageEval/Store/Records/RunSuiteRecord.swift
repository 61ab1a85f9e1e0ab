import GRDB

/// A row of the `run_suite` table: a suite of a run and its position, so suite lookups match names exactly.
struct RunSuiteRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "run_suite"

    /// The run.
    var runID: Int64
    /// 0-based position among the run's suites.
    var position: Int
    /// The suite name.
    var suite: String

    enum CodingKeys: String, CodingKey {
        case runID = "run_id", position, suite
    }

    /// The columns queries filter and sort on.
    enum Columns {
        static let runID = Column(CodingKeys.runID)
        static let position = Column(CodingKeys.position)
        static let suite = Column(CodingKeys.suite)
    }
}
