import Foundation
import Testing
import TriageEngine
@testable import TriageEval

/// What every ``RunStore`` backend must do for selection and the heartbeat (v8), run against each of
/// ``StoreBackend/allCases``; dates are explicit, nothing sleeps.
@Suite("Run store: selection and heartbeat")
struct RunStoreSelectionTests {
    static let start = Date(timeIntervalSince1970: 1_700_000_000)

    static func run(pid: Int32 = 1, host: String = "h", started: Date = start) -> StoredRun {
        var run = SyntheticResults.run()
        run.status = .running
        run.finishedAt = nil
        run.startedAt = started
        run.pid = pid
        run.host = host
        return run
    }

    @Test(arguments: StoreBackend.allCases)
    func aRunKeepsItsSelectionAndItsStartIsItsFirstHeartbeat(backend: StoreBackend) throws {
        let fixture = try backend.makeEmptyStore()
        defer { fixture.remove() }
        let store = fixture.store
        var partial = Self.run()
        var criteria = ScenarioSelection(filters: ["refund-*", "core/[ab]?"], tags: ["vip"], limit: 3, sample: 12, seed: 1, failedFrom: .latest)
        criteria.failedFromRun = 4
        partial.selection = RunSelection(criteria: criteria, selected: 3, total: 103)
        let id = try store.startRun(partial)
        let loaded = try #require(try store.run(id))
        #expect(loaded.selection == partial.selection)
        #expect(loaded.isPartial)
        #expect(loaded.heartbeatAt == Self.start)
        let full = try store.startRun(Self.run())
        #expect(try store.run(full)?.selection == nil)
        #expect(try store.run(full)?.isPartial == false)
    }

    @Test(arguments: StoreBackend.allCases)
    func beatsMoveTheHeartbeatOfARunningRunOnly(backend: StoreBackend) throws {
        let fixture = try backend.makeEmptyStore()
        defer { fixture.remove() }
        let store = fixture.store
        let id = try store.startRun(Self.run())
        try store.beat(run: id, at: Self.start.addingTimeInterval(15))
        try store.beat(run: id, at: Self.start.addingTimeInterval(30))
        #expect(try store.run(id)?.heartbeatAt == Self.start.addingTimeInterval(30))
        try store.finishRun(id, status: .completed, at: Self.start.addingTimeInterval(31))
        try store.beat(run: id, at: Self.start.addingTimeInterval(45))
        #expect(try store.run(id)?.heartbeatAt == Self.start.addingTimeInterval(30))
        #expect(try store.run(id)?.status == .completed)
    }

    /// On any host a run whose heartbeat is older than the lease is interrupted, ended at its heartbeat; a run
    /// beating within the lease, or an ended one, is left alone; a dead process on this host still counts at once.
    @Test(arguments: StoreBackend.allCases)
    func runsWhoseHeartbeatOutlivedTheLeaseAreInterruptedOnAnyHost(backend: StoreBackend) throws {
        let fixture = try backend.makeEmptyStore()
        defer { fixture.remove() }
        let store = fixture.store
        let lost = try store.startRun(Self.run(pid: 1, host: "runner-a"))
        let beating = try store.startRun(Self.run(pid: 1, host: "runner-b"))
        let deadHere = try store.startRun(Self.run(pid: 999_999, host: "here"))
        let ended = try store.startRun(Self.run(pid: 1, host: "runner-c"))
        try store.finishRun(ended, status: .completed, at: Self.start.addingTimeInterval(5))
        try store.beat(run: lost, at: Self.start.addingTimeInterval(15))
        try store.beat(run: beating, at: Self.start.addingTimeInterval(150))
        let now = Self.start.addingTimeInterval(200)
        // lost: last beat 185 s ago > 120 s; beating: 50 s ago.
        #expect(try store.markStaleRuns(host: "here", isAlive: { $0 == 1 }, lease: 120, now: now) == [lost, deadHere])
        #expect(try store.run(lost)?.status == .interrupted)
        #expect(try store.run(lost)?.finishedAt == Self.start.addingTimeInterval(15))
        #expect(try store.run(deadHere)?.finishedAt == Self.start)
        #expect(try store.run(beating)?.status == .running)
        #expect(try store.run(ended)?.status == .completed)
        #expect(try store.run(ended)?.finishedAt == Self.start.addingTimeInterval(5))
        // A longer lease spares it; a shorter one does not.
        #expect(try store.markStaleRuns(host: "here", isAlive: { $0 == 1 }, lease: 60, now: now) == [])
        #expect(try store.markStaleRuns(host: "here", isAlive: { $0 == 1 }, lease: 49, now: now) == [beating])
    }

    /// A run written by a version without heartbeats is judged by its progress time, else its start.
    @Test(arguments: StoreBackend.allCases)
    func runsWithoutAHeartbeatAreJudgedByTheirProgressThenTheirStart(backend: StoreBackend) throws {
        let fixture = try backend.makeEmptyStore()
        defer { fixture.remove() }
        let store = fixture.store
        var old = Self.run(pid: 1, host: "elsewhere")
        old.heartbeatAt = nil
        let quiet = try store.startRun(old)
        let busy = try store.startRun(old)
        try store.commit([SyntheticResults.results[0]], run: busy, replacing: false, at: Self.start.addingTimeInterval(100))
        let now = Self.start.addingTimeInterval(200)
        #expect(try store.markStaleRuns(host: "here", isAlive: { _ in true }, lease: 120, now: now) == [quiet])
        #expect(try store.run(quiet)?.finishedAt == Self.start)
        #expect(try store.markStaleRuns(host: "here", isAlive: { _ in true }, lease: 120, now: now.addingTimeInterval(30)) == [busy])
        #expect(try store.run(busy)?.finishedAt == Self.start.addingTimeInterval(100))
    }

    @Test(arguments: StoreBackend.allCases)
    func failedScenariosAreTheFailedAndErroredOnes(backend: StoreBackend) throws {
        let fixture = try backend.makeEmptyStore()
        defer { fixture.remove() }
        let store = fixture.store
        let id = try store.startRun(Self.run())
        var repeated = SyntheticResults.results[0]
        repeated.repeatIndex = 1
        repeated.status = .failed
        try store.append(SyntheticResults.results + [repeated], run: id)
        #expect(try store.failedScenarios(run: id) == [ScenarioKey(suite: "s", scenarioID: "r1"), ScenarioKey(suite: "s", scenarioID: "r2"),
                                                       ScenarioKey(suite: "s", scenarioID: "r3"), ScenarioKey(suite: "s", scenarioID: "r5")])
        #expect(try store.failedScenarios(run: id + 1).isEmpty)
    }
}
