import Foundation
import GRDB
import TriageEngine

extension SQLiteStore {
    /// Records the start of a run, its sources and its suites, and returns its id.
    public func startRun(_ run: StoredRun) throws -> Int64 {
        let record = RunRecord(id: nil, status: StoredRun.Status.running.rawValue, startedAt: run.startedAt, finishedAt: nil,
                               toolVersion: run.toolVersion, gitCommit: run.gitCommit, engineJSON: try Self.json(run.engine),
                               gatesJSON: try Self.json(run.gates), plannedResults: run.plannedResults,
                               suites: run.suites.joined(separator: ","), pid: Int(run.pid), host: run.host,
                               groupName: run.shard?.group, shardIndex: run.shard?.slice.index, shardCount: run.shard?.slice.count)
        return try writer.write { db in
            let inserted = try record.inserted(db)
            guard let id = inserted.id else { throw DatabaseError(message: "a run was inserted without an id") }
            for source in run.sources {
                try RunSourceRecord(runID: id, kind: source.kind, path: source.path, sha256: source.sha256).insert(db)
            }
            for (position, suite) in run.suites.enumerated() {
                try RunSuiteRecord(runID: id, position: position, suite: suite).insert(db)
            }
            try Self.saveSelectionAndHeartbeat(of: run, id: id, db)
            return id
        }
    }

    /// Marks a run ended.
    public func finishRun(_ id: Int64, status: StoredRun.Status, at date: Date) throws {
        try writer.write { db in
            _ = try RunRecord.filter(key: id).updateAll(db, RunRecord.Columns.status.set(to: status.rawValue), RunRecord.Columns.finishedAt.set(to: date))
        }
    }

    /// The run with this id.
    public func run(_ id: Int64) throws -> StoredRun? {
        try writer.read { db in try RunRecord.fetchOne(db, key: id).map { try Self.storedRun($0, db) } }
    }

    /// The newest run id, optionally of runs that include `suite` or that completed.
    public func latestRunID(suite: String?, completedOnly: Bool) throws -> Int64? {
        try writer.read { db in
            try Self.runs(suite: suite, completedOnly: completedOnly).select(RunRecord.Columns.id, as: Int64.self).limit(1).fetchOne(db)
        }
    }

    /// The newest runs first.
    public func runs(limit: Int) throws -> [StoredRun] {
        try writer.read { db in
            try RunRecord.order(RunRecord.Columns.id.desc).limit(limit).fetchAll(db).map { try Self.storedRun($0, db) }
        }
    }

    /// Completed runs that include a suite, oldest first, at most `limit` (the newest ones).
    public func completedRuns(suite: String, limit: Int) throws -> [StoredRun] {
        try writer.read { db in
            try Self.runs(suite: suite, completedOnly: true).limit(limit).fetchAll(db).reversed().map { try Self.storedRun($0, db) }
        }
    }

    /// Runs newest first, of those that include `suite` (by exact name) and, when asked, completed.
    private static func runs(suite: String?, completedOnly: Bool) -> QueryInterfaceRequest<RunRecord> {
        var request = RunRecord.order(RunRecord.Columns.id.desc)
        if let suite {
            let withSuite = RunSuiteRecord.filter(RunSuiteRecord.Columns.suite == suite).select(RunSuiteRecord.Columns.runID)
            request = request.filter(withSuite.contains(RunRecord.Columns.id))
        }
        if completedOnly { request = request.filter(RunRecord.Columns.status == StoredRun.Status.completed.rawValue) }
        return request
    }

    /// A stored run from its record, with its sources and suites.
    static func storedRun(_ record: RunRecord, _ db: Database) throws -> StoredRun {
        let id = record.id ?? 0
        let sources = try RunSourceRecord.filter(RunSourceRecord.Columns.runID == id).order(Column.rowID).fetchAll(db)
            .map { SourceFile(kind: $0.kind, path: $0.path, sha256: $0.sha256) }
        let suites = try RunSuiteRecord.filter(RunSuiteRecord.Columns.runID == id).order(RunSuiteRecord.Columns.position).fetchAll(db).map(\.suite)
        var run = StoredRun(id: id, status: StoredRun.Status(rawValue: record.status) ?? .interrupted, startedAt: record.startedAt,
                         finishedAt: record.finishedAt, toolVersion: record.toolVersion, gitCommit: record.gitCommit,
                         engine: try decoder.decode(EngineDescription.self, from: Data(record.engineJSON.utf8)),
                         gates: try decoder.decode(RunGates.self, from: Data(record.gatesJSON.utf8)),
                         plannedResults: record.plannedResults, suites: suites, sources: sources, pid: Int32(record.pid), host: record.host,
                         shard: record.shard)
        try loadSelectionAndHeartbeat(into: &run, db)
        return run
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    /// A value as sorted-key JSON text.
    static func json(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
