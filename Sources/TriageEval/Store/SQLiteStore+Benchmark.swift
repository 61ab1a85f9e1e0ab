import Foundation
import GRDB

extension SQLiteStore {
    /// Adds `copies` copies of a run's results as further repeats, in SQL: how `bench` makes a million-result
    /// run to report on without running a million scenarios.
    public func duplicateResults(run id: Int64, copies: Int) throws {
        guard copies > 0 else { return }
        try writer.write { db in
            let columns = try db.columns(in: ResultRecord.databaseTableName).map(\.name)
            let select = columns.map { column -> String in
                column == ResultRecord.CodingKeys.repeatIndex.rawValue ? "r.\(column) + k.n" : "r." + column
            }.joined(separator: ", ")
            try db.execute(sql: """
                WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < ?)
                INSERT INTO result (\(columns.joined(separator: ", "))) SELECT \(select) FROM result r, k WHERE r.run_id = ? AND r.repeat_index = 0
                """, arguments: [copies, id])
        }
        // Move the bulk insert out of the write-ahead log, as SQLite's automatic checkpoints would over time.
        try writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
    }
}
