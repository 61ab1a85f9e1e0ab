import Foundation
import GRDB
import TriageEngine

/// What `resume` needs from the store, with the semantics of ``SQLiteStore``'s.
extension PostgresStore {
    /// Stores the configuration a run was started with.
    public func saveConfiguration(_ configuration: StoredRunConfiguration, run id: Int64) throws {
        let text = String(decoding: try SQLiteStore.encoder.encode(configuration), as: UTF8.self)
        try read { connection in try connection.execute("UPDATE run SET configuration_json = ? WHERE id = ?", values: [text, id]) }
    }

    /// The configuration a run was started with; nil for runs stored without one.
    public func configuration(run id: Int64) throws -> StoredRunConfiguration? {
        try read { connection in
            guard let text = try connection.execute("SELECT configuration_json FROM run WHERE id = ?", values: [id]).get(0, 0, as: String.self) else { return nil }
            return try SQLiteStore.decoder.decode(StoredRunConfiguration.self, from: Data(text.utf8))
        }
    }

    /// When a run last stored a result (or was resumed); nil before its first.
    public func progressTime(run id: Int64) throws -> Date? {
        try read { connection in try connection.execute("SELECT progress_at FROM run WHERE id = ?", values: [id]).get(0, 0, as: Date.self) }
    }

    /// Commits results and the run's progress time in one transaction. With `replacing`, the calls stored
    /// for earlier results of the same scenario runs (errored ones being re-run) are removed first.
    public func commit(_ results: [ScenarioResult], run id: Int64, replacing: Bool, at date: Date) throws {
        guard !results.isEmpty else { return }
        try write { connection in
            if replacing {
                for result in results {
                    try connection.execute("DELETE FROM model_call WHERE run_id = ? AND suite = ? AND scenario_id = ? AND repeat_index = ?",
                                           values: [id, result.suite, result.scenarioID, result.repeatIndex])
                }
            }
            try Self.insert(results, run: id, connection)
            try connection.execute("UPDATE run SET progress_at = ? WHERE id = ?", values: [date, id])
        }
    }

    /// The scenario runs of a run that need no re-run: every stored result that did not error.
    public func finishedKeys(run id: Int64) throws -> Set<ResultKey> {
        try read { connection in
            var keys = Set<ResultKey>()
            try connection.forEachBatch("SELECT suite, scenario_id, repeat_index FROM result WHERE run_id = ? AND status != 'errored'", [id.databaseValue]) { batch in
                for row in 0..<batch.rowCount {
                    keys.insert(ResultKey(suite: batch.get(row, 0) ?? "", scenarioID: batch.get(row, 1) ?? "", repeatIndex: batch.get(row, 2) ?? 0))
                }
            }
            return keys
        }
    }

    /// The request hashes of the calls a run's finished (not errored) results made without the cache.
    public func uncachedCallHashes(run id: Int64) throws -> Set<String> {
        try read { connection in
            Set(try connection.execute("""
                SELECT c.request_hash FROM model_call c JOIN result r ON r.run_id = c.run_id AND r.suite = c.suite
                    AND r.scenario_id = c.scenario_id AND r.repeat_index = c.repeat_index
                WHERE c.run_id = ? AND NOT c.cached AND r.status != 'errored'
                """, values: [id]).column(String.self))
        }
    }

    /// Marks an ended run running again in this process; false when it is running already (another process,
    /// perhaps on another machine, resumed it first).
    public func reopenRun(_ id: Int64, pid: Int32, host: String, at date: Date) throws -> Bool {
        try read { connection in
            try connection.execute("""
                UPDATE run SET status = 'running', finished_at = NULL, pid = ?, host = ?, progress_at = ? WHERE id = ? AND status != 'running'
                """, values: [Int(pid), host, date, id]).affectedRows == 1
        }
    }
}
