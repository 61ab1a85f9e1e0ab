import GRDB
import TriageEngine

/// A row of the `model_call` table: one model call of a scenario, keyed by its result and sequence number.
struct ModelCallRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "model_call"
    /// A result stored again replaces its calls.
    static let persistenceConflictPolicy = PersistenceConflictPolicy(insert: .replace, update: .replace)

    var runID: Int64
    var suite: String
    var scenarioID: String
    var repeatIndex: Int
    /// 0-based position among the scenario's calls.
    var seq: Int
    var provider: String
    var model: String
    var purpose: String
    var status: Int?
    var attempts: Int
    var latencyMs: Double
    var inputTokens: Int
    var outputTokens: Int
    var costUSD: Double
    var errorClass: String?
    var cached: Bool
    var requestHash: String

    enum CodingKeys: String, CodingKey {
        case runID = "run_id", suite, scenarioID = "scenario_id", repeatIndex = "repeat_index", seq, provider, model, purpose, status, attempts
        case latencyMs = "latency_ms", inputTokens = "input_tokens", outputTokens = "output_tokens", costUSD = "cost_usd"
        case errorClass = "error_class", cached, requestHash = "request_hash"
    }

    /// The columns queries filter and sort on.
    enum Columns {
        static let runID = Column(CodingKeys.runID)
        static let seq = Column(CodingKeys.seq)
    }

    /// The record of a result's `seq`th call.
    init(_ call: CallRecord, of result: ScenarioResult, run runID: Int64, seq: Int) {
        self.runID = runID
        suite = result.suite
        scenarioID = result.scenarioID
        repeatIndex = result.repeatIndex
        self.seq = seq
        provider = call.provider
        model = call.model
        purpose = call.purpose
        status = call.status
        attempts = call.attempts
        latencyMs = call.latencyMs
        inputTokens = call.inputTokens
        outputTokens = call.outputTokens
        costUSD = call.costUSD
        errorClass = call.errorClass
        cached = call.cached
        requestHash = call.requestHash
    }

    /// The call as the engine recorded it.
    var call: CallRecord {
        CallRecord(provider: provider, model: model, purpose: purpose, status: status, attempts: attempts, latencyMs: latencyMs,
                   inputTokens: inputTokens, outputTokens: outputTokens, costUSD: costUSD, errorClass: errorClass, cached: cached,
                   requestHash: requestHash)
    }
}
