import Foundation
import GRDB

/// A row of the `run` table: a run's provenance and status, its engine and gates as JSON.
struct RunRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "run"

    /// The run id; nil until inserted.
    var id: Int64?
    /// ``StoredRun/Status`` raw value.
    var status: String
    /// Start time.
    var startedAt: Date
    /// End time, when ended.
    var finishedAt: Date?
    /// The tool's version.
    var toolVersion: String
    /// The git commit of the working directory.
    var gitCommit: String?
    /// ``EngineDescription`` as JSON.
    var engineJSON: String
    /// ``RunGates`` as JSON.
    var gatesJSON: String
    /// Scenario runs planned.
    var plannedResults: Int
    /// The suites joined with commas, as every schema version wrote them; lookups use `run_suite`.
    var suites: String
    /// The process that ran it.
    var pid: Int
    /// Its host.
    var host: String
    /// The group of a shard run (v9); nil for a whole run.
    var groupName: String? = nil
    /// Which shard, 1-based (v9).
    var shardIndex: Int? = nil
    /// Of how many shards (v9).
    var shardCount: Int? = nil

    enum CodingKeys: String, CodingKey {
        case id, status, pid, host, suites
        case startedAt = "started_at", finishedAt = "finished_at", toolVersion = "tool_version", gitCommit = "git_commit"
        case engineJSON = "engine_json", gatesJSON = "gates_json", plannedResults = "planned_results"
        case groupName = "group_name", shardIndex = "shard_index", shardCount = "shard_count"
    }

    /// The columns queries filter and sort on.
    enum Columns {
        static let id = Column(CodingKeys.id)
        static let status = Column(CodingKeys.status)
        static let finishedAt = Column(CodingKeys.finishedAt)
        static let startedAt = Column(CodingKeys.startedAt)
        /// When the run last stored a result (v5, written by resume's commits).
        static let progressAt = Column("progress_at")
        static let pid = Column(CodingKeys.pid)
        static let host = Column(CodingKeys.host)
        static let groupName = Column(CodingKeys.groupName)
    }

    /// Sets the id after insertion.
    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
