import Foundation
import GRDB

extension PostgresStore {
    /// Approves a run as the baseline of a suite (replacing the previous one).
    public func setBaseline(suite: String, run id: Int64, at date: Date) throws {
        try read { connection in
            try connection.execute("""
                INSERT INTO baseline (suite, run_id, set_at) VALUES (?, ?, ?)
                ON CONFLICT (suite) DO UPDATE SET run_id = EXCLUDED.run_id, set_at = EXCLUDED.set_at
                """, values: [suite, id, date])
        }
    }

    /// The baseline run of a suite.
    public func baseline(suite: String) throws -> Int64? {
        try read { connection in try connection.execute("SELECT run_id FROM baseline WHERE suite = ?", values: [suite]).get(0, 0, as: Int64.self) }
    }

    /// Every baseline, by suite name (in byte order, as SQLite sorts, whatever the database's collation).
    public func baselines() throws -> [Baseline] {
        try read { connection in
            try connection.execute("SELECT * FROM baseline ORDER BY suite COLLATE \"C\"").records(BaselineRecord.self)
                .map { Baseline(suite: $0.suite, run: $0.runID, setAt: $0.setAt) }
        }
    }
}
