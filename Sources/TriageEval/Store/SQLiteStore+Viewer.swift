import Foundation
import GRDB

extension SQLiteStore {
    /// The statement that reads one result row: plain SQL with `?` placeholders, for every backend.
    static let resultSQL = "SELECT * FROM result WHERE run_id = ? AND suite = ? AND scenario_id = ? AND repeat_index = ?"
    /// The statement that reads a result's model calls in order.
    static let resultCallsSQL = "SELECT * FROM model_call WHERE run_id = ? AND suite = ? AND scenario_id = ? AND repeat_index = ? ORDER BY seq"

    /// One scenario run of a run in full detail, with its model calls; nil when the run has no such result.
    public func result(run id: Int64, key: ResultKey) throws -> ScenarioResult? {
        let arguments: StatementArguments = [id, key.suite, key.scenarioID, key.repeatIndex]
        return try writer.read { db in
            guard let record = try ResultRecord.fetchOne(db, sql: Self.resultSQL, arguments: arguments) else { return nil }
            var result = try record.scenarioResult()
            result.calls = try ModelCallRecord.fetchAll(db, sql: Self.resultCallsSQL, arguments: arguments).map(\.call)
            return result
        }
    }
}
