import Foundation
import GRDB
import TriageEngine

extension PostgresStore {
    /// Records the start of a run, its sources and its suites, and returns its id.
    public func startRun(_ run: StoredRun) throws -> Int64 {
        let engine = try SQLiteStore.json(run.engine)
        let gates = try SQLiteStore.json(run.gates)
        let selection = try run.selection.map { try SQLiteStore.json($0) }
        return try write { connection in
            let inserted = try connection.execute("""
                INSERT INTO run (status, started_at, finished_at, tool_version, git_commit, engine_json, gates_json, planned_results, suites, pid, host,
                    group_name, shard_index, shard_count, selection_json, heartbeat_at)
                VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
                """, values: [StoredRun.Status.running.rawValue, run.startedAt, run.toolVersion, run.gitCommit, engine, gates, run.plannedResults,
                              run.suites.joined(separator: ","), Int(run.pid), run.host,
                              run.shard?.group, run.shard?.slice.index, run.shard?.slice.count, selection, run.heartbeatAt ?? run.startedAt])
            guard let id = inserted.get(0, 0, as: Int64.self) else { throw PostgresError.unexpectedResult("a run was inserted without an id", server: url.serverDescription) }
            // A file listed twice keeps its last hash and moves to its last place, as SQLite's INSERT OR REPLACE does.
            for source in run.sources {
                try connection.execute("""
                    INSERT INTO run_source (run_id, kind, path, sha256) VALUES (?, ?, ?, ?)
                    ON CONFLICT (run_id, path) DO UPDATE SET kind = EXCLUDED.kind, sha256 = EXCLUDED.sha256, seq = EXCLUDED.seq
                    """, values: [id, source.kind, source.path, source.sha256])
            }
            for (position, suite) in run.suites.enumerated() {
                try connection.execute("INSERT INTO run_suite (run_id, position, suite) VALUES (?, ?, ?)", values: [id, position, suite])
            }
            return id
        }
    }

    /// Marks a run ended.
    public func finishRun(_ id: Int64, status: StoredRun.Status, at date: Date) throws {
        try read { connection in
            try connection.execute("UPDATE run SET status = ?, finished_at = ? WHERE id = ?", values: [status.rawValue, date, id])
        }
    }

    /// The run with this id.
    public func run(_ id: Int64) throws -> StoredRun? {
        try read { connection in
            try Self.storedRuns(connection.execute("SELECT * FROM run WHERE id = ?", values: [id]), connection).first
        }
    }

    /// The newest run id, optionally of runs that include `suite` or that completed.
    public func latestRunID(suite: String?, completedOnly: Bool) throws -> Int64? {
        let (condition, values) = Self.runFilter(suite: suite, completedOnly: completedOnly)
        return try read { connection in
            try connection.execute("SELECT id FROM run\(condition) ORDER BY id DESC LIMIT 1", values: values).get(0, 0, as: Int64.self)
        }
    }

    /// The newest runs first.
    public func runs(limit: Int) throws -> [StoredRun] {
        try read { connection in
            try Self.storedRuns(connection.execute("SELECT * FROM run ORDER BY id DESC LIMIT ?", values: [limit]), connection)
        }
    }

    /// Completed runs that include a suite, oldest first, at most `limit` (the newest ones).
    public func completedRuns(suite: String, limit: Int) throws -> [StoredRun] {
        let (condition, values) = Self.runFilter(suite: suite, completedOnly: true)
        return try read { connection in
            try Self.storedRuns(connection.execute("SELECT * FROM run\(condition) ORDER BY id DESC LIMIT ?", values: values + [limit]), connection).reversed()
        }
    }

    /// The `WHERE` clause (with its arguments) of runs that include `suite` (by exact name) and, when asked, completed.
    private static func runFilter(suite: String?, completedOnly: Bool) -> (String, [(any DatabaseValueConvertible)?]) {
        var conditions: [String] = []
        var values: [(any DatabaseValueConvertible)?] = []
        if let suite {
            conditions.append("id IN (SELECT run_id FROM run_suite WHERE suite = ?)")
            values.append(suite)
        }
        if completedOnly {
            conditions.append("status = ?")
            values.append(StoredRun.Status.completed.rawValue)
        }
        return (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "), values)
    }

    /// The stored runs of `SELECT * FROM run` rows, with their sources and suites.
    static func storedRuns(_ rows: PostgresResult, _ connection: PostgresConnection) throws -> [StoredRun] {
        try (0..<rows.rowCount).map { try storedRun(rows.row($0), connection) }
    }

    /// A stored run from its `run` row, with its sources and suites.
    private static func storedRun(_ row: Row, _ connection: PostgresConnection) throws -> StoredRun {
        let record = try RunRecord(row: row)
        let id = record.id ?? 0
        let sources = try connection.execute("SELECT * FROM run_source WHERE run_id = ? ORDER BY seq", values: [id]).records(RunSourceRecord.self)
            .map { SourceFile(kind: $0.kind, path: $0.path, sha256: $0.sha256) }
        let suites = try connection.execute("SELECT suite FROM run_suite WHERE run_id = ? ORDER BY position", values: [id]).column(String.self)
        var run = StoredRun(id: id, status: StoredRun.Status(rawValue: record.status) ?? .interrupted, startedAt: record.startedAt,
                         finishedAt: record.finishedAt, toolVersion: record.toolVersion, gitCommit: record.gitCommit,
                         engine: try SQLiteStore.decoder.decode(EngineDescription.self, from: Data(record.engineJSON.utf8)),
                         gates: try SQLiteStore.decoder.decode(RunGates.self, from: Data(record.gatesJSON.utf8)),
                         plannedResults: record.plannedResults, suites: suites, sources: sources, pid: Int32(truncatingIfNeeded: record.pid), host: record.host,
                         shard: record.shard)
        let selection: String? = row["selection_json"]
        run.selection = try selection.map { try SQLiteStore.decoder.decode(RunSelection.self, from: Data($0.utf8)) }
        run.heartbeatAt = row["heartbeat_at"]
        return run
    }
}
