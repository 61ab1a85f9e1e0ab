import Foundation
import LoopbackServer
import Testing
import TriageEngine
@testable import TriageEval

/// `resume` in process: a run cancelled mid-run, left `running` by a dead process, cut between caching a
/// call and storing its result, or ended with errored scenarios is continued in place, sends no finished
/// call again, ends `completed`, and reports what an uninterrupted run reports.
@Suite("Resume", .serialized)
struct ResumeTests {
    static let pass = EvalFixtures.root + "/Tests/Fixtures/cli/pass.yaml"

    /// Labels from the customer's words; replies as text (the same answers as ``ModelRunTests/oracle(_:)``).
    static func oracle(_ request: ServerRequest) -> String { ModelRunTests.oracle(request) }

    func configuration(model: String?, concurrency: Int, repeats: Int = 1, cache: CacheMode = .readWrite) -> StoredRunConfiguration {
        StoredRunConfiguration(directory: EvalFixtures.root, rules: "rules", prompts: "prompts", options: EngineOptions(model: model, cacheMode: cache),
                         concurrency: concurrency, repeats: repeats)
    }

    func evaluation(_ configuration: StoredRunConfiguration, suite: String = pass, store: Store, stub: OpenAIStub? = nil) throws -> Evaluation {
        var workspace = try EvalFixtures.workspace([suite])
        if let stub { workspace.models.models.append(Self.stubModel(stub)) }
        var options = configuration.options
        options.retry = RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(1), jitter: 0)
        let engine = try Engine.make(workspace: workspace, options: options, store: store, environment: [:], logger: EvalFixtures.logger)
        return Evaluation(workspace: workspace, engine: engine, concurrency: configuration.concurrency, repeats: configuration.repeats,
                          configuration: configuration)
    }

    static func stubModel(_ stub: OpenAIStub) -> ModelConfig {
        ModelConfig(name: "stub", provider: .openai, baseURL: stub.baseURL, model: "stub-model", timeout: .seconds(10))
    }

    /// A models file naming the stub, so a resumed run finds the same model configuration.
    static func modelsFile(_ stub: OpenAIStub, in directory: URL) throws -> String {
        let path = directory.appendingPathComponent("models.yaml").path
        try """
            models:
              - name: stub
                provider: openai
                base_url: \(stub.baseURL.absoluteString)
                model: stub-model
                timeout_seconds: 10
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The JSON report without the fields that depend on when and how fast the run went.
    static func comparable(_ report: RunReport) throws -> String {
        var report = report
        report.run.startedAt = Date(timeIntervalSince1970: 0)
        report.run.finishedAt = nil
        report.run.id = 0
        report.latency = LatencySummary(p50: 0, p95: 0, p99: 0, mean: 0)
        report.usage?.latency = LatencySummary(p50: 0, p95: 0, p99: 0, mean: 0)
        for index in report.results.indices { report.results[index].latencyMs = 0 }
        return try report.renderJSON()
    }

    @Test func aRunCancelledMidRunResumesToTheUninterruptedReport() async throws {
        let configuration = configuration(model: nil, concurrency: 2, repeats: 2)
        let reference = try await evaluation(configuration, store: try Store(path: ":memory:")).run(store: try Store(path: ":memory:"))
        let store = try Store(path: ":memory:")
        let flag = CancellationFlag()
        let first = try await evaluation(configuration, store: store).run(store: store, cancellation: flag, onResult: { _ in flag.cancel(reason: "test") })
        #expect(first.status == .interrupted)
        #expect(try store.configuration(run: first.runID) == configuration)

        let resumption = try Resumption.prepare(run: first.runID, store: store)
        #expect(resumption.changes.isEmpty)
        #expect(resumption.jobs.map { "\($0.scenario.id)#\($0.repeatIndex)" }
                == ["smoke-howto#0", "smoke-howto#1", "smoke-hacked#0", "smoke-hacked#1"])
        let resumed = try await resumption.run(store: store)
        #expect(resumed.runID == first.runID)
        #expect(resumed.status == .completed)
        #expect(resumed.interruption == nil)
        #expect(try store.run(first.runID)?.status == .completed)
        #expect(try store.runs().count == 1)
        #expect(try Self.comparable(resumed.report) == Self.comparable(reference.report))
        #expect(resumed.report.scenarioCount == 6 && resumed.report.passed == 6)
    }

    /// A signal stops model calls in flight, not only new scenarios: both scenarios' first requests hang (the
    /// stub never answers them), the flag is set once the stub holds both, and the run ends interrupted with no
    /// result. Without cancelling them, each call would time out, be retried, get an answer, and its scenario
    /// would be stored (so the counts below, not a clock, prove the calls were cancelled). What was in flight
    /// has no result, so resume runs it again.
    @Test func aSignalStopsModelCallsInFlight() async throws {
        let stub = try OpenAIStub(answer: Self.oracle)
        defer { stub.stop() }
        stub.enqueue(.hang, .hang)
        let directory = try EvalFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var configuration = configuration(model: "stub", concurrency: 2)
        configuration.modelsFile = try Self.modelsFile(stub, in: directory)
        let store = try Store(path: ":memory:")
        let flag = CancellationFlag()
        let evaluation = try evaluation(configuration, store: store, stub: stub)
        let run = Task { try await evaluation.run(store: store, cancellation: flag) }
        while stub.requestCount < 2 { try await Task.sleep(for: .milliseconds(5)) }
        flag.cancel(reason: "received SIGTERM")
        let outcome = try await run.value
        #expect(outcome.status == .interrupted)
        #expect(outcome.interruption == "received SIGTERM")
        #expect(outcome.report.scenarioCount == 0)
        #expect(stub.requestCount == 2)
        let resumption = try Resumption.prepare(run: outcome.runID, store: store)
        #expect(resumption.jobs.count == 3)
    }

    /// The worst case of `kill -9`: the process cached a scenario's calls but died before storing its
    /// result, and left the run `running`. Resuming re-runs that scenario from the cache (no request), counts
    /// those calls as the run's own, and reports what an uninterrupted run reports.
    @Test func aModelRunKilledBetweenCallAndResultResumesWithoutSendingAnyFinishedCall() async throws {
        let stub = try OpenAIStub(promptTokens: 100, completionTokens: 20, answer: Self.oracle)
        defer { stub.stop() }
        let directory = try EvalFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var configuration = configuration(model: "stub", concurrency: 1)
        configuration.modelsFile = try Self.modelsFile(stub, in: directory)

        let reference = try await evaluation(configuration, store: try Store(path: ":memory:"), stub: stub).run(store: try Store(path: ":memory:"))
        #expect(stub.requestCount == 6)
        #expect(reference.report.usage?.cachedCalls == 0)

        let store = try Store(path: directory.appendingPathComponent("runs.sqlite").path)
        let flag = CancellationFlag()
        let counter = Counter()
        let first = try await evaluation(configuration, store: store, stub: stub)
            .run(store: store, cancellation: flag, onResult: { _ in if counter.next() == 2 { flag.cancel(reason: "test") } })
        #expect(stub.requestCount == 10)
        #expect(try store.resultCount(run: first.runID) == 2)
        // As if killed after the second scenario's calls were cached but before its result was committed.
        try await store.writer.write { db in
            try db.execute(sql: "DELETE FROM result WHERE run_id = ? AND ordinal = 1", arguments: [first.runID])
            try db.execute(sql: "UPDATE run SET status = 'running', pid = ?, finished_at = NULL WHERE id = ?", arguments: [Int(Int32.max - 7), first.runID])
        }
        let resumption = try Resumption.prepare(run: first.runID, store: store)
        #expect(resumption.run.status == .interrupted)
        #expect(resumption.jobs.map(\.scenario.id) == ["smoke-howto", "smoke-hacked"])
        let resumed = try await resumption.run(store: store)
        // Only the third scenario's two calls were sent; the second's came from the cache.
        #expect(stub.requestCount == 12)
        #expect(resumed.status == .completed)
        #expect(resumed.report.usage?.cachedCalls == 0)
        #expect(try store.calls(run: first.runID).map(\.attempts) == [1, 1, 1, 1, 1, 1])
        #expect(try Self.comparable(resumed.report) == Self.comparable(reference.report))
    }

    /// A run that ended `completed` with errored scenarios: resume runs those again and replaces their
    /// rows and calls.
    @Test func aRunWithErroredScenariosResumesThemAndReplacesTheirRows() async throws {
        let stub = try OpenAIStub(answer: Self.oracle)
        defer { stub.stop() }
        let directory = try EvalFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var configuration = configuration(model: "stub", concurrency: 1)
        configuration.modelsFile = try Self.modelsFile(stub, in: directory)
        let reference = try await evaluation(configuration, store: try Store(path: ":memory:"), stub: stub).run(store: try Store(path: ":memory:"))

        let store = try Store(path: directory.appendingPathComponent("runs.sqlite").path)
        let before = stub.requestCount
        // Two attempts (the tests' retry policy): the first scenario's classification fails for good.
        stub.enqueue(.status(503), .status(503))
        let first = try await evaluation(configuration, store: store, stub: stub).run(store: store)
        #expect(first.status == .completed)
        #expect(first.report.errored == 1)
        #expect(try store.calls(run: first.runID).first?.errorClass == "server_error")
        let resumption = try Resumption.prepare(run: first.runID, store: store)
        #expect(resumption.jobs.map(\.scenario.id) == ["smoke-refund"])
        let resumed = try await resumption.run(store: store)
        #expect(stub.requestCount - before == 2 + 6)
        #expect(resumed.status == .completed)
        #expect(resumed.report.errored == 0)
        #expect(try store.calls(run: first.runID).count == 6)
        #expect(try Self.comparable(resumed.report) == Self.comparable(reference.report))
    }

    @Test func aChangedFileIsRefusedUnlessAllowed() async throws {
        let directory = try EvalFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let suite = directory.appendingPathComponent("pass.yaml").path
        try FileManager.default.copyItem(atPath: Self.pass, toPath: suite)
        let store = try Store(path: ":memory:")
        let flag = CancellationFlag()
        let first = try await evaluation(configuration(model: nil, concurrency: 1), suite: suite, store: store)
            .run(store: store, cancellation: flag, onResult: { _ in flag.cancel(reason: "test") })
        let text = try String(contentsOfFile: suite, encoding: .utf8)
        try text.replacingOccurrences(of: "within 4 hours", with: "within 5 hours").write(toFile: suite, atomically: true, encoding: .utf8)

        let error = #expect(throws: EvaluationError.self) { try Resumption.prepare(run: first.runID, store: store) }
        let stored = try #require(try store.run(first.runID)?.sources.first { $0.kind == "suite" })
        let now = SHA256.hex(Data(try String(contentsOfFile: suite, encoding: .utf8).utf8))
        #expect(error?.description == "cannot resume run #1: \(suite) changed since the run started (sha256 \(stored.sha256.prefix(12)), now \(now.prefix(12))); "
                + "resume with --allow-changed to continue with the files as they are now")
        #expect(error?.isInvalidInput == true)
        let allowed = try Resumption.prepare(run: first.runID, store: store, allowChanged: true)
        #expect(allowed.changes.count == 1)
        #expect(try await allowed.run(store: store).status == .completed)
    }

    @Test func runsThatCannotBeResumedSayWhy() async throws {
        let store = try Store(path: ":memory:")
        #expect(EvalFixtures.errorText { try Resumption.prepare(run: 9, store: store) } == "no run #9 in the store")
        let workspace = try EvalFixtures.workspace([Self.pass])
        let engine = try Engine.make(workspace: workspace, options: EngineOptions(), store: nil, logger: EvalFixtures.logger)
        let old = try await Evaluation(workspace: workspace, engine: engine).run(store: store)
        #expect(EvalFixtures.errorText { try Resumption.prepare(run: old.runID, store: store) }
                == "run #1 was stored before runs kept their configuration and cannot be resumed; start a new run")
        let live = try await evaluation(configuration(model: nil, concurrency: 1), store: store).run(store: store)
        try await store.writer.write { db in
            try db.execute(sql: "UPDATE run SET status = 'running', pid = 1, host = ? WHERE id = ?", arguments: [ProcessInfo.processInfo.hostName, live.runID])
        }
        #expect(EvalFixtures.errorText { try Resumption.prepare(run: live.runID, store: store) }
                == "run #2 is still running (pid 1 on \(ProcessInfo.processInfo.hostName)); stop it before resuming")
    }

    /// A dead run ended when it last stored a result, not when the store was next opened.
    @Test func aDeadRunEndsAtItsLastProgress() throws {
        let store = try Store(path: ":memory:")
        let started = Date(timeIntervalSince1970: 1_700_000_000)
        let run = StoredRun(id: 0, status: .running, startedAt: started, finishedAt: nil, toolVersion: "t", gitCommit: nil,
                            engine: EngineDescription(classifier: "c", drafter: "d", categories: []), gates: RunGates(), plannedResults: 2,
                            suites: ["s"], sources: [], pid: Int32.max - 7, host: ProcessInfo.processInfo.hostName)
        let quiet = try store.startRun(run)
        let busy = try store.startRun(run)
        let last = started.addingTimeInterval(42)
        try store.commit([SyntheticResults.results[0]], run: busy, replacing: false, at: last)
        #expect(try store.progressTime(run: busy) == last)
        #expect(try store.markStaleRuns().sorted() == [quiet, busy])
        #expect(try store.run(quiet)?.finishedAt == started)
        #expect(try store.run(busy)?.finishedAt == last)
    }
}

/// Counts calls from concurrent tasks.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    /// Adds one and returns the new count.
    func next() -> Int { lock.withLock { value += 1; return value } }
}
