import Foundation
import Logging
import LoopbackServer
import Testing
import TriageEngine
@testable import TriageEval

/// The evaluation beats its run's heartbeat while scenarios run: the model's answer is held back until the
/// heartbeat has beaten once, so the run cannot end first; nothing sleeps on a real clock.
@Suite("Heartbeat of a running run")
struct HeartbeatRunTests {
    /// Returns at once for the first `free` sleeps, then sleeps until cancelled.
    final class FewBeatsClock: Clock, @unchecked Sendable {
        private let lock = NSLock()
        private var free: Int
        private let base = TestClock()

        init(free: Int) { self.free = free }

        var now: TestClock.Instant { base.now }
        var minimumResolution: Duration { .nanoseconds(1) }

        func sleep(until deadline: TestClock.Instant, tolerance: Duration?) async throws {
            let returnAtOnce = lock.withLock { () -> Bool in
                free -= 1
                return free >= 0
            }
            if returnAtOnce { return try await base.sleep(until: deadline, tolerance: tolerance) }
            try await Task.sleep(for: .seconds(3600))
        }
    }

    @Test func theRunnerBeatsWhileItsScenariosRun() async throws {
        let beaten = DispatchSemaphore(value: 0)
        let calls = Beats()
        let stub = try OpenAIStub(answer: { _ in
            // Held until the second `now()`, which comes only after the first beat was stored.
            _ = beaten.wait(timeout: .now() + 60)
            return FaultRunTests.answer
        })
        defer { stub.stop() }
        let directory = try EvalFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteStore(path: directory.appendingPathComponent("runs.sqlite").path)
        let workspace = Benchmark.benchWorkspace(try EvalFixtures.workspace([EvalFixtures.root + "/Tests/Fixtures/cli/pass.yaml"]),
                                                 baseURL: stub.baseURL, scenarios: 1)
        var options = EngineOptions(model: "bench-stub", cacheMode: .bypass)
        options.modelReplies = false
        let engine = try Engine.make(workspace: workspace, options: options, store: store, environment: [:],
                                     logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        let beat = Date(timeIntervalSince1970: 2_000_000_000)
        var evaluation = Evaluation(workspace: workspace, engine: engine)
        evaluation.heartbeat = Heartbeat(interval: .seconds(15), clock: FewBeatsClock(free: 2), now: {
            if calls.add(beat) == 2 { beaten.signal() }
            return beat
        })
        let outcome = try await evaluation.run(store: store)
        #expect(outcome.status == .completed)
        let run = try #require(try store.run(outcome.runID))
        #expect(run.heartbeatAt == beat)
        #expect(run.startedAt < beat)
    }
}
