import Foundation
import Logging
import LoopbackServer
import Testing
import TriageEngine
@testable import TriageEval

/// Calls in flight and retries on the progress display: told by the engine's ``CallObserver`` hook as they happen.
@Suite("Progress of model calls", .serialized)
struct ProgressCallsTests {
    final class Recorder: @unchecked Sendable {
        var time = 0.0
        var written: [String] = []
    }

    @Test func callsInFlightAndRetriesRenderExactly() {
        let snapshot = ProgressSnapshot(done: 3, total: 10, failed: 1, elapsed: 2, calls: 7, retries: 4, inFlight: 2)
        #expect(snapshot.render(.plain) == "progress: 3/10 (30%)  elapsed 0:02  1.5/s  ETA 0:05  failed 1  errored 0  calls 7 (2 in flight) retries 4")
        #expect(snapshot.render(.bar(color: false), width: 10) == "███░░░░░░░ 3/10  1.5/s  ETA 0:05  failed 1  errored 0  calls 7 (2 in flight) retries 4")
    }

    @Test func theReporterCountsCallsAsTheyStartEndAndRetry() {
        let recorder = Recorder()
        let progress = ProgressReporter(total: 2, style: .plain, now: { recorder.time }, write: { recorder.written.append($0) })
        progress.callStarted()
        progress.callStarted()
        progress.callRetrying()
        #expect(progress.current == ProgressSnapshot(done: 0, total: 2, elapsed: 0, calls: 0, retries: 1, inFlight: 2))
        recorder.time = 6
        progress.callEnded()
        #expect(recorder.written == ["progress: 0/2 (0%)  elapsed 0:06  0.0/s  ETA --:--  failed 0  errored 0  calls 0 (1 in flight) retries 1\n"])
        progress.callEnded()
        progress.record(status: .passed, calls: 2)
        #expect(progress.current.inFlight == 0)
        #expect(progress.current.calls == 2)
    }

    /// A model run against a stub answering 429 to a seeded share of requests: the display's retries are the
    /// stored calls' attempts beyond the first, and nothing is left in flight.
    @Test func aModelRunTellsTheDisplayOfEveryRetry() async throws {
        let stub = try OpenAIStub(answer: { _ in FaultRunTests.answer })
        defer { stub.stop() }
        stub.inject(StubFaultMix(rateLimited: 0.3, seed: 5))
        let directory = try EvalFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteStore(path: directory.appendingPathComponent("runs.sqlite").path)
        let workspace = Benchmark.benchWorkspace(try EvalFixtures.workspace([EvalFixtures.root + "/Tests/Fixtures/cli/pass.yaml"]),
                                                 baseURL: stub.baseURL, scenarios: 20)
        var options = EngineOptions(model: "bench-stub", cacheMode: .bypass,
                                    retry: RetryPolicy(maxAttempts: 6, baseDelay: .milliseconds(1), maxDelay: .milliseconds(2), jitter: 0))
        options.modelReplies = false
        let engine = try Engine.make(workspace: workspace, options: options, store: store, environment: [:],
                                     logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        let progress = ProgressReporter(total: 20, style: nil, now: { 0 }, write: { _ in })
        let outcome = try await Evaluation(workspace: workspace, engine: engine).run(store: store, progress: progress)
        let calls = try store.calls(run: outcome.runID)
        let retries = calls.reduce(0) { $0 + $1.attempts - 1 }
        #expect(retries > 0)
        #expect(progress.current.retries == retries)
        #expect(progress.current.calls == calls.count)
        #expect(progress.current.inFlight == 0)
        #expect(progress.current.done == 20)
    }
}
