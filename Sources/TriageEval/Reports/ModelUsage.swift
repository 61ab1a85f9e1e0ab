import TriageEngine

/// What a run's model calls cost and how they went: latency percentiles, tokens, cost, retries and errors
/// by class. Judge calls are counted and costed apart.
public struct ModelUsage: Sendable, Codable, Equatable {
    /// Calls of the model under test (classification, reply, embedding).
    public var calls: Int
    /// Of those, answered from the cache.
    public var cachedCalls: Int
    /// Extra attempts spent on retries.
    public var retries: Int
    /// Calls that finally failed or gave unusable output, by error class.
    public var errorsByClass: [String: Int]
    /// Failed calls / calls.
    public var errorRate: Double
    /// Call latency percentiles (cached calls count with their recorded latency).
    public var latency: LatencySummary
    /// Tokens sent.
    public var inputTokens: Int
    /// Tokens received.
    public var outputTokens: Int
    /// US dollars.
    public var costUSD: Double
    /// Judge calls.
    public var judgeCalls: Int
    /// Judge tokens sent.
    public var judgeInputTokens: Int
    /// Judge tokens received.
    public var judgeOutputTokens: Int
    /// Judge cost, US dollars.
    public var judgeCostUSD: Double

    enum CodingKeys: String, CodingKey {
        case calls, cachedCalls = "cached_calls", retries, errorsByClass = "errors_by_class", errorRate = "error_rate", latency
        case inputTokens = "input_tokens", outputTokens = "output_tokens", costUSD = "cost_usd", judgeCalls = "judge_calls"
        case judgeInputTokens = "judge_input_tokens", judgeOutputTokens = "judge_output_tokens", judgeCostUSD = "judge_cost_usd"
    }

    /// Summarises calls; nil when there are none.
    public static func summarize(_ calls: [CallRecord]) -> ModelUsage? {
        guard !calls.isEmpty else { return nil }
        let judge = calls.filter { $0.purpose == ModelAssertionChecker.judgePurpose }
        let model = calls.filter { $0.purpose != ModelAssertionChecker.judgePurpose }
        var errors: [String: Int] = [:]
        for call in model { if let errorClass = call.errorClass { errors[errorClass, default: 0] += 1 } }
        let latencies = model.map(\.latencyMs).sorted()
        return ModelUsage(
            calls: model.count, cachedCalls: model.filter(\.cached).count, retries: model.reduce(0) { $0 + max(0, $1.attempts - 1) },
            errorsByClass: errors, errorRate: model.isEmpty ? 0 : Double(errors.values.reduce(0, +)) / Double(model.count),
            latency: LatencySummary(p50: Percentile.value(latencies, 0.5) ?? 0, p95: Percentile.value(latencies, 0.95) ?? 0,
                                    p99: Percentile.value(latencies, 0.99) ?? 0,
                                    mean: latencies.isEmpty ? 0 : latencies.reduce(0, +) / Double(latencies.count)),
            inputTokens: model.reduce(0) { $0 + $1.inputTokens }, outputTokens: model.reduce(0) { $0 + $1.outputTokens },
            costUSD: model.reduce(0) { $0 + $1.costUSD }, judgeCalls: judge.count,
            judgeInputTokens: judge.reduce(0) { $0 + $1.inputTokens }, judgeOutputTokens: judge.reduce(0) { $0 + $1.outputTokens },
            judgeCostUSD: judge.reduce(0) { $0 + $1.costUSD })
    }
}
