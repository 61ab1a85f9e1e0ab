import Foundation
import GRDB

/// Selection and heartbeat on PostgreSQL (the SQLite store's v8): `run.selection_json`, `run.heartbeat_at`,
/// the failed scenarios of a run, heartbeats, and stale runs found by lease on any host.
extension PostgresStore {
    /// The migration adding the run's selection and heartbeat.
    static let selectionMigration = Migration(version: "v3: run selection and heartbeat", sql: """
        ALTER TABLE run ADD COLUMN selection_json TEXT, ADD COLUMN heartbeat_at TIMESTAMPTZ
        """)

    /// The scenarios with a failed or errored result in a run.
    public func failedScenarios(run id: Int64) throws -> Set<ScenarioKey> {
        try read { connection in
            let rows = try connection.execute("SELECT DISTINCT suite, scenario_id FROM result WHERE run_id = ? AND status IN ('failed', 'errored')",
                                              values: [id])
            var keys = Set<ScenarioKey>()
            for row in 0..<rows.rowCount { keys.insert(ScenarioKey(suite: rows.get(row, 0) ?? "", scenarioID: rows.get(row, 1) ?? "")) }
            return keys
        }
    }

    /// Records a heartbeat of a running run.
    public func beat(run id: Int64, at date: Date) throws {
        try read { connection in
            try connection.execute("UPDATE run SET heartbeat_at = ? WHERE id = ? AND status = 'running'", values: [date, id])
        }
    }

    /// Marks stale running runs interrupted, ended at their last sign of life (see ``RunLease/end(of:host:isAlive:lease:now:ownPID:)``).
    public func markStaleRuns(host: String, isAlive: (Int32) -> Bool, lease: TimeInterval, now: Date) throws -> [Int64] {
        try write { connection in
            let rows = try connection.execute("""
                SELECT id, pid, host, started_at, progress_at, heartbeat_at FROM run WHERE status = 'running' ORDER BY id FOR UPDATE
                """)
            var stale: [Int64] = []
            for index in 0..<rows.rowCount {
                let row = rows.row(index)
                let pid: Int64 = row["pid"]
                let run = RunLease.Observation(id: row["id"], pid: Int32(truncatingIfNeeded: pid), host: row["host"],
                                               startedAt: row["started_at"], progressAt: row["progress_at"], heartbeatAt: row["heartbeat_at"])
                guard let end = RunLease.end(of: run, host: host, isAlive: isAlive, lease: lease, now: now) else { continue }
                try connection.execute("UPDATE run SET status = 'interrupted', finished_at = ? WHERE id = ? AND status = 'running'", values: [end, run.id])
                stale.append(run.id)
            }
            return stale
        }
    }
}
