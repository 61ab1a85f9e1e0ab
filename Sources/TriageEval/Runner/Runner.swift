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
    /// Checks reply assertions that need a model; nil skips them.
    public let assertions: ModelAssertionChecker?
    /// Scores conversations for `quality:` checks and the `min_health` gate (offline by default).
    public var qualityChecker = ConversationQualityChecker()
    /// Whether every scenario's conversation is scored, not only those with `quality:` checks (for `min_health`).
    public var scoresEveryConversation = false
    private let evaluator: ScenarioEvaluator
    private let logger: Logger

    /// Creates a runner; `logger` gets a debug line per scenario and per model call (and a warning per errored scenario).
    public init(pipeline: TriagePipeline, assertions: ModelAssertionChecker? = nil, concurrency: Int = 1, repeats: Int = 1, logger: Logger) {
        self.pipeline = pipeline
        self.assertions = assertions
        self.concurrency = max(1, concurrency)
        self.repeats = max(1, repeats)
        self.evaluator = ScenarioEvaluator(pipeline: pipeline)
        self.logger = logger
    }

    /// One scenario run to do: the scenario, its position in the run and the repeat index.
    public struct Job: Sendable {
        /// Position of the scenario in the run.
        public var ordinal: Int
        /// The scenario.
        public var scenario: Scenario
        /// Repeat index, 0-based.
        public var repeatIndex: Int

        /// Creates a job.
        public init(ordinal: Int, scenario: Scenario, repeatIndex: Int) {
            self.ordinal = ordinal
            self.scenario = scenario
            self.repeatIndex = repeatIndex
        }
    }

    /// Runs every scenario `repeats` times; `deliver` gets each result as soon as it exists. Stops starting
    /// new scenarios once `isCancelled` returns true.
    public func run(_ scenarios: [Scenario], isCancelled: @escaping @Sendable () -> Bool = { false },
                    deliver: @escaping @Sendable (ScenarioResult) async throws -> Void) async throws {
        try await run(jobs: JobSequence(scenarios, repeats: repeats), isCancelled: isCancelled, deliver: deliver)
    }

    /// Runs these scenario runs (a resumed run's remaining ones, or a ``JobSequence`` made as they are
    /// started, so a run holds no list of them); `deliver` gets each result as soon as it exists. Stops
    /// starting new ones once `isCancelled` returns true; when `cancellation` is set, the scenario runs in
    /// flight are cancelled too, and one that errored because of it is not delivered (it has no result, so
    /// `resume` runs it again; calls that finished are in the response cache).
    public func run<Jobs: Sequence & Sendable>(jobs: Jobs, isCancelled: @escaping @Sendable () -> Bool = { false }, cancellation: CancellationFlag? = nil,
                                               deliver: @escaping @Sendable (ScenarioResult) async throws -> Void) async throws where Jobs.Element == Job {
        // Each scenario's task captures this one closure, not a copy of the runner (whose pipeline is a struct of
        // many references, each retained and released per copy).
        let runJob: @Sendable (Job) async -> ScenarioResult = { job in
            await self.runOne(job.scenario, ordinal: job.ordinal, repeatIndex: job.repeatIndex)
        }
        let concurrency = self.concurrency
        let work = Task {
            try await withThrowingTaskGroup(of: ScenarioResult?.self) { group in
                // Only `concurrency` jobs exist at a time: the next one is taken from the sequence when one ends.
                var pending = jobs.makeIterator()
                func startNext() {
                    guard !isCancelled(), !Task.isCancelled, let job = pending.next() else { return }
                    group.addTask {
                        let result = await runJob(job)
                        return result.status == .errored && Task.isCancelled ? nil : result
                    }
                }
                for _ in 0..<concurrency { startNext() }
                while let result = try await group.next() {
                    if let result { try await deliver(result) }
                    startNext()
                }
            }
        }
        cancellation?.onCancel { work.cancel() }
        try await withTaskCancellationHandler { try await work.value } onCancel: { work.cancel() }
    }

    /// Runs one scenario once. Every model call it makes is recorded through a call log bound to this task
    /// (with the repeat index as the cache-key salt, so each repeat has its own cache entry).
    public func runOne(_ scenario: Scenario, ordinal: Int, repeatIndex: Int) async -> ScenarioResult {
        let clock = ContinuousClock()
        let start = clock.now
        let log = CallLog()
        var result: ScenarioResult
        do {
            let (decision, modelChecks, skipped, quality) = try await CallContext.$log.withValue(log) {
                try await CallContext.$cacheSalt.withValue(String(repeatIndex)) {
                    let decision = try await pipeline.triage(scenario.ticket)
                    let quality = try await self.quality(scenario, decision: decision)
                    guard let assertions, scenario.reply.contains(where: \.needsModel) else { return (decision, [CheckOutcome](), 0, quality) }
                    let (checks, skipped) = try await assertions.check(scenario, reply: decision.reply)
                    return (decision, checks, skipped, quality)
                }
            }
            let elapsed = start.duration(to: clock.now)
            let qualityChecks = quality.map { Self.qualityChecks(scenario.quality, $0) } ?? []
            let checks = evaluator.checks(scenario, decision: decision) + modelChecks + qualityChecks
            result = ScenarioResult(ordinal: ordinal, suite: scenario.suite, scenarioID: scenario.id, repeatIndex: repeatIndex,
                                    status: checks.allSatisfy(\.passed) ? .passed : .failed, expected: scenario.expect,
                                    actual: ActualLabels(decision), checks: checks, decision: decision,
                                    expectedTier: evaluator.expectedTier(scenario, decision: decision),
                                    latencyMs: Self.milliseconds(elapsed), error: nil, errorClass: nil, tags: scenario.tags)
            result.skippedAssertions = skipped
            result.quality = quality
        } catch {
            let elapsed = start.duration(to: clock.now)
            logger.warning("scenario errored", metadata: ["scenario.id": "\(scenario.id)", "scenario.suite": "\(scenario.suite)",
                                                          "scenario.repeat": "\(repeatIndex)", "error": "\(error)"])
            result = ScenarioResult(ordinal: ordinal, suite: scenario.suite, scenarioID: scenario.id, repeatIndex: repeatIndex,
                                    status: .errored, expected: scenario.expect, actual: nil, checks: [], decision: nil,
                                    expectedTier: evaluator.expectedTier(scenario, decision: nil),
                                    latencyMs: Self.milliseconds(elapsed), error: "\(error)", errorClass: Self.errorClass(error), tags: scenario.tags)
        }
        result.calls = log.records
        result.requests = log.requests
        for call in result.calls {
            logger.debug("model call", metadata: [
                "scenario.id": "\(scenario.id)", "call.purpose": "\(call.purpose)", "call.provider": "\(call.provider)",
                "call.model": "\(call.model)", "call.status": "\(call.status.map(String.init) ?? "none")",
                "call.attempts": "\(call.attempts)", "call.cached": "\(call.cached)",
                "call.latency_ms": "\(Int(call.latencyMs.rounded()))", "call.error_class": "\(call.errorClass ?? "none")",
            ])
        }
        logger.debug("scenario finished", metadata: [
            "scenario.id": "\(scenario.id)", "scenario.suite": "\(scenario.suite)", "scenario.repeat": "\(repeatIndex)",
            "scenario.status": "\(result.status.rawValue)", "scenario.latency_ms": "\(Int(result.latencyMs.rounded()))",
            "scenario.calls": "\(result.calls.count)",
        ])
        // A cached answer keeps its original latency, so replays report what the recording measured.
        result.latencyMs += result.calls.filter(\.cached).reduce(0) { $0 + $1.latencyMs }
        return result
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
