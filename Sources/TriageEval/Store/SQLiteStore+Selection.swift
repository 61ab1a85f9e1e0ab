import Foundation
import GRDB

/// What selection (`run --filter/--tag/--sample/--limit/--failed-from`) and the heartbeat need from SQLite:
/// the v8 columns `run.selection_json` and `run.heartbeat_at`, the failed scenarios of a run, heartbeats, and
/// stale runs found by lease. Every query is plain SQL with `?` placeholders, portable to PostgreSQL.
extension SQLiteStore {
    /// Adds the run's selection (the flags as given with selected/total counts, JSON; NULL for a full run) and
    /// its heartbeat time.
    static func registerSelectionMigration(in migrator: inout DatabaseMigrator) {
        register("v8: run selection and heartbeat", in: &migrator) { db in
            try db.alter(table: "run") { t in
                t.add(column: "selection_json", .text)
                t.add(column: "heartbeat_at", .datetime)
            }
        }
    }

    /// Stores a new run's selection and first heartbeat (its start), inside ``startRun(_:)``'s transaction.
    static func saveSelectionAndHeartbeat(of run: StoredRun, id: Int64, _ db: Database) throws {
        let selection = try run.selection.map { try json($0) }
        try db.execute(sql: "UPDATE run SET selection_json = ?, heartbeat_at = ? WHERE id = ?",
                       arguments: [selection, run.heartbeatAt ?? run.startedAt, id])
    }

    /// Reads a stored run's selection and heartbeat.
    static func loadSelectionAndHeartbeat(into run: inout StoredRun, _ db: Database) throws {
        guard let row = try Row.fetchOne(db, sql: "SELECT selection_json, heartbeat_at FROM run WHERE id = ?", arguments: [run.id]) else { return }
        let text: String? = row["selection_json"]
        run.selection = try text.map { try decoder.decode(RunSelection.self, from: Data($0.utf8)) }
        run.heartbeatAt = row["heartbeat_at"]
    }

    /// The scenarios with a failed or errored result in a run.
    public func failedScenarios(run id: Int64) throws -> Set<ScenarioKey> {
        try writer.read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT DISTINCT suite, scenario_id FROM result WHERE run_id = ? AND status IN ('failed', 'errored')",
                                           arguments: [id])
            var keys = Set<ScenarioKey>()
            while let row = try rows.next() { keys.insert(ScenarioKey(suite: row[0], scenarioID: row[1])) }
            return keys
        }
    }

    /// Records a heartbeat of a running run.
    public func beat(run id: Int64, at date: Date) throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE run SET heartbeat_at = ? WHERE id = ? AND status = 'running'", arguments: [date, id])
        }
    }

    /// Marks stale running runs interrupted, ended at their last sign of life (see ``RunLease/end(of:host:isAlive:lease:now:ownPID:)``).
    public func markStaleRuns(host: String, isAlive: (Int32) -> Bool, lease: TimeInterval, now: Date) throws -> [Int64] {
        try writer.write { db in
            let rows = try Row.fetchAll(db, sql: "SELECT id, pid, host, started_at, progress_at, heartbeat_at FROM run WHERE status = 'running' ORDER BY id")
            var stale: [Int64] = []
            for row in rows {
                let run = RunLease.Observation(id: row["id"], pid: Int32(truncatingIfNeeded: row["pid"] as Int), host: row["host"],
                                               startedAt: row["started_at"], progressAt: row["progress_at"], heartbeatAt: row["heartbeat_at"])
                guard let end = RunLease.end(of: run, host: host, isAlive: isAlive, lease: lease, now: now) else { continue }
                try db.execute(sql: "UPDATE run SET status = 'interrupted', finished_at = ? WHERE id = ? AND status = 'running'", arguments: [end, run.id])
                stale.append(run.id)
            }
            return stale
        }
    }
}
