import Foundation
import GRDB

extension SQLiteStore {
    /// Approves a run as the baseline of a suite (replacing the previous one).
    public func setBaseline(suite: String, run id: Int64, at date: Date) throws {
        try writer.write { db in try BaselineRecord(suite: suite, runID: id, setAt: date).insert(db) }
    }

    /// The baseline run of a suite.
    public func baseline(suite: String) throws -> Int64? {
        try writer.read { db in try BaselineRecord.fetchOne(db, key: suite)?.runID }
    }

    /// Every baseline, by suite name.
    public func baselines() throws -> [Baseline] {
        try writer.read { db in
            try BaselineRecord.order(BaselineRecord.Columns.suite).fetchAll(db).map { Baseline(suite: $0.suite, run: $0.runID, setAt: $0.setAt) }
        }
    }
}
