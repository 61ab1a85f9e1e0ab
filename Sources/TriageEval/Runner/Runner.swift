import Foundation
import Logging
import TriageEngine

/// Runs scenarios through the production pipeline with bounded concurrency, delivering each result as it
/// completes so nothing is lost if the run stops early.
public struct Runner: Sendable {
    /// The pipeline under test.
    public let pipeline: TriagePipeline
    /// How many scenarios are in flight at once.
    public let concurrency: Int
    /// How many times each scenario runs.
    public let repeats: Int
    private let evaluator: ScenarioEvaluator
    private let logger: Logger

    /// Creates a runner.
    public init(pipeline: TriagePipeline, concurrency: Int = 1, repeats: Int = 1, logger: Logger = Logger(label: "triage-eval.runner", factory: { _ in SwiftLogNoOpLogHandler() })) {
        self.pipeline = pipeline
        self.concurrency = max(1, concurrency)
        self.repeats = max(1, repeats)
        self.evaluator = ScenarioEvaluator(pipeline: pipeline)
        self.logger = logger
    }

    /// Runs every scenario `repeats` times; `deliver` gets each result as soon as it exists. Stops starting
    /// new scenarios once `isCancelled` returns true.
    public func run(_ scenarios: [Scenario], isCancelled: @escaping @Sendable () -> Bool = { false },
                    deliver: @escaping @Sendable (ScenarioResult) async throws -> Void) async throws {
        let jobs = scenarios.enumerated().flatMap { ordinal, scenario in (0..<repeats).map { (ordinal, scenario, $0) } }
        try await withThrowingTaskGroup(of: ScenarioResult.self) { group in
            var next = 0
            func startNext() {
                guard next < jobs.count, !isCancelled() else { return }
                let (ordinal, scenario, repeatIndex) = jobs[next]
                next += 1
                group.addTask { await self.runOne(scenario, ordinal: ordinal, repeatIndex: repeatIndex) }
            }
            for _ in 0..<min(concurrency, jobs.count) { startNext() }
            while let result = try await group.next() {
                try await deliver(result)
                startNext()
            }
        }
    }

    /// Runs one scenario once.
    public func runOne(_ scenario: Scenario, ordinal: Int, repeatIndex: Int) async -> ScenarioResult {
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let decision = try await pipeline.triage(scenario.ticket)
            let elapsed = start.duration(to: clock.now)
            let checks = evaluator.checks(scenario, decision: decision)
            return ScenarioResult(ordinal: ordinal, suite: scenario.suite, scenarioID: scenario.id, repeatIndex: repeatIndex,
                                  status: checks.allSatisfy(\.passed) ? .passed : .failed, expected: scenario.expect,
                                  actual: ActualLabels(decision), checks: checks, decision: decision,
                                  expectedTier: evaluator.expectedTier(scenario, decision: decision),
                                  latencyMs: Self.milliseconds(elapsed), error: nil, errorClass: nil, tags: scenario.tags)
        } catch {
            let elapsed = start.duration(to: clock.now)
            logger.warning("scenario errored", metadata: ["scenario.id": "\(scenario.id)", "error": "\(error)"])
            return ScenarioResult(ordinal: ordinal, suite: scenario.suite, scenarioID: scenario.id, repeatIndex: repeatIndex,
                                  status: .errored, expected: scenario.expect, actual: nil, checks: [], decision: nil,
                                  expectedTier: evaluator.expectedTier(scenario, decision: nil),
                                  latencyMs: Self.milliseconds(elapsed), error: "\(error)", errorClass: Self.errorClass(error), tags: scenario.tags)
        }
    }

    static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }

    static func errorClass(_ error: any Error) -> String {
        if let classified = error as? any ClassifiedError { return classified.errorClass }
        return "transport"
    }
}

/// An error that knows its class for error-rate reports (`rate_limited`, `timeout`, …).
public protocol ClassifiedError: Error {
    /// The class name.
    var errorClass: String { get }
}
