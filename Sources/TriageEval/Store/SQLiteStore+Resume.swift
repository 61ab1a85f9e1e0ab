import Foundation
import GRDB
import TriageEngine

/// What `resume` needs from the store: the configuration a run was started with, the time it last made
/// progress, which results need no re-run, and results committed together with that progress time.
extension SQLiteStore {
    /// Adds the columns resume needs: the run's configuration, when it last made progress, and which run
    /// recorded each cached response.
    static func registerResumeMigration(in migrator: inout DatabaseMigrator) {
        register("v5: run configuration, progress time, cached response provenance", in: &migrator) { db in
            try db.alter(table: "run") { t in
                t.add(column: "configuration_json", .text)
                t.add(column: "progress_at", .datetime)
            }
            try db.alter(table: "response_cache") { t in
                t.add(column: "run_id", .integer)
            }
        }
    }

    /// Stores the configuration a run was started with.
    public func saveConfiguration(_ configuration: StoredRunConfiguration, run id: Int64) throws {
        let text = String(decoding: try Self.encoder.encode(configuration), as: UTF8.self)
        try writer.write { db in
            try db.execute(sql: "UPDATE run SET configuration_json = ? WHERE id = ?", arguments: [text, id])
        }
    }

    /// The configuration a run was started with; nil for runs stored before resume existed.
    public func configuration(run id: Int64) throws -> StoredRunConfiguration? {
        try writer.read { db in
            guard let text = try String.fetchOne(db, sql: "SELECT configuration_json FROM run WHERE id = ?", arguments: [id]) else { return nil }
            return try Self.decoder.decode(StoredRunConfiguration.self, from: Data(text.utf8))
        }
    }

    /// When a run last stored a result (or was resumed); nil before its first.
    public func progressTime(run id: Int64) throws -> Date? {
        try writer.read { db in try Date.fetchOne(db, sql: "SELECT progress_at FROM run WHERE id = ?", arguments: [id]) }
    }

    /// Commits results and the run's progress time in one transaction. With `replacing`, the calls stored
    /// for earlier results of the same scenario runs (errored ones being re-run) are removed first.
    public func commit(_ results: [ScenarioResult], run id: Int64, replacing: Bool, at date: Date) throws {
        guard !results.isEmpty else { return }
        try writer.write { db in
            if replacing {
                let delete = try db.cachedStatement(sql: "DELETE FROM model_call WHERE run_id = ? AND suite = ? AND scenario_id = ? AND repeat_index = ?")
                for result in results { try delete.execute(arguments: [id, result.suite, result.scenarioID, result.repeatIndex]) }
            }
            try Self.insert(results, run: id, db)
            try db.execute(sql: "UPDATE run SET progress_at = ? WHERE id = ?", arguments: [date, id])
        }
    }

    /// Empties the page cache of the connection that writes (``SQLiteStore/writerCacheKiB``), so the report
    /// built after a run does not sit on top of it.
    public func releaseWriteMemory() {
        try? writer.writeWithoutTransaction { $0.releaseMemory() }
    }

    /// The scenario runs of a run that need no re-run: every stored result that did not error.
    public func finishedKeys(run id: Int64) throws -> Set<ResultKey> {
        try writer.read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT suite, scenario_id, repeat_index FROM result WHERE run_id = ? AND status != 'errored'",
                                           arguments: [id])
            var keys = Set<ResultKey>()
            while let row = try rows.next() { keys.insert(ResultKey(suite: row[0], scenarioID: row[1], repeatIndex: row[2])) }
            return keys
        }
    }

    /// The request hashes of the calls a run's finished (not errored) results made without the cache.
    public func uncachedCallHashes(run id: Int64) throws -> Set<String> {
        try writer.read { db in
            Set(try String.fetchAll(db, sql: """
                SELECT c.request_hash FROM model_call c JOIN result r ON r.run_id = c.run_id AND r.suite = c.suite
                    AND r.scenario_id = c.scenario_id AND r.repeat_index = c.repeat_index
                WHERE c.run_id = ? AND c.cached = 0 AND r.status != 'errored'
                """, arguments: [id]))
        }
    }

    /// Marks an ended run running again in this process; false when it is running already (another
    /// process resumed it first).
    public func reopenRun(_ id: Int64, pid: Int32, host: String, at date: Date) throws -> Bool {
        try writer.write { db in
            try db.execute(sql: """
                UPDATE run SET status = 'running', finished_at = NULL, pid = ?, host = ?, progress_at = ? WHERE id = ? AND status != 'running'
                """, arguments: [Int(pid), host, date, id])
            return db.changesCount == 1
        }
    }

    /// The runs that recorded the cached responses under these keys (responses cached before provenance
    /// was kept have none).
    public func cachedResponseRuns(keys: [String]) throws -> [String: Int64] {
        guard !keys.isEmpty else { return [:] }
        return try writer.read { db in
            var runs: [String: Int64] = [:]
            let statement = try db.cachedStatement(sql: "SELECT run_id FROM response_cache WHERE key = ?")
            for key in keys {
                if let run = try Int64.fetchOne(statement, arguments: [key]) { runs[key] = run }
            }
            return runs
        }
    }

    /// Every key in the response cache (for resume's evidence test).
    func cachedResponseKeys() throws -> Set<String> {
        try writer.read { db in Set(try String.fetchAll(db, sql: "SELECT key FROM response_cache")) }
    }

    /// The scenario id and request hash of every call stored for a run (for resume's evidence test).
    func callHashes(run id: Int64) throws -> [(scenario: String, hash: String)] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT scenario_id, request_hash FROM model_call WHERE run_id = ?", arguments: [id]).map { ($0[0], $0[1]) }
        }
    }
}
