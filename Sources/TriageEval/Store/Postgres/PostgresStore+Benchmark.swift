import Foundation
import GRDB

extension PostgresStore {
    /// Adds `copies` copies of a run's results as further repeats, in one SQL statement on the server (as
    /// ``SQLiteStore/duplicateResults(run:copies:)`` does): how `bench --db postgresql://…` makes a
    /// million-result run to report on without sending a million rows. Then `ANALYZE`, as autovacuum would after
    /// such an insert.
    public func duplicateResults(run id: Int64, copies: Int) throws {
        guard copies > 0 else { return }
        try write { connection in
            let columns = try connection.execute("""
                SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'result'
                ORDER BY ordinal_position
                """).column(String.self)
            let select = columns.map { $0 == ResultRecord.CodingKeys.repeatIndex.rawValue ? "r.\($0) + k.n" : "r." + $0 }.joined(separator: ", ")
            _ = try connection.execute("""
                INSERT INTO result (\(columns.joined(separator: ", "))) SELECT \(select) FROM result r, generate_series(1, ?) AS k(n)
                WHERE r.run_id = ? AND r.repeat_index = 0
                """, [copies.databaseValue, id.databaseValue])
            _ = try connection.execute("""
                INSERT INTO result_decision (run_id, suite, scenario_id, repeat_index, decision_json)
                SELECT d.run_id, d.suite, d.scenario_id, d.repeat_index + k.n, d.decision_json FROM result_decision d, generate_series(1, ?) AS k(n)
                WHERE d.run_id = ? AND d.repeat_index = 0
                """, [copies.databaseValue, id.databaseValue])
        }
        try write { connection in _ = try connection.execute("ANALYZE result, result_decision") }
    }
}
