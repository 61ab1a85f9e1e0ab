import Foundation
import GRDB

extension PostgresStore {
    /// One scenario run of a run in full detail, with its model calls; nil when the run has no such result.
    public func result(run id: Int64, key: ResultKey) throws -> ScenarioResult? {
        let arguments: [(any DatabaseValueConvertible)?] = [id, key.suite, key.scenarioID, key.repeatIndex]
        return try read { connection in
            guard let record = try connection.execute(Self.fullResultsSQL(where: "r.run_id = ? AND r.suite = ? AND r.scenario_id = ? AND r.repeat_index = ?"), values: arguments).records(ResultRecord.self).first else { return nil }
            var result = try record.scenarioResult()
            result.calls = try connection.execute(SQLiteStore.resultCallsSQL, values: arguments).records(ModelCallRecord.self).map(\.call)
            return result
        }
    }
}
