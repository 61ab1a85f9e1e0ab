import Foundation
import Testing
import TriageEngine
@testable import TriageEval

/// `gate`'s wait on an injected clock: no test sleeps.
@Suite("Group gate")
struct GroupGateTests {
    typealias Shards = RunStoreTests

    @Test func theWaitTimesOutNamingTheShardsNotComplete() async throws {
        let store = try SQLiteStore(path: ":memory:")
        _ = try Shards.storeShard(1, in: store)
        var running = SyntheticResults.run()
        running.shard = GroupShard(group: "g", slice: ShardSlice(index: 2, count: 3)!)
        running.pid = 1
        running.host = "another-host"
        // Alive by its heartbeat (a run whose heartbeat is older than the lease would be found interrupted).
        running.startedAt = Date()
        running.heartbeatAt = Date()
        let runningID = try store.startRun(running)
        let clock = ManualClock()
        var gate = GroupGate(group: "g", shards: 3, wait: .seconds(5))
        gate.pollInterval = .seconds(2)
        do {
            _ = try await gate.waitForShards(store: store, clock: clock)
            Issue.record("the gate passed an incomplete group")
        } catch let error as GroupError {
            #expect(error.description == "group \"g\": 2 shards not complete after waiting 5s (no run: 3; running: 2 (run #\(runningID)))")
            #expect(!error.isInvalidInput)
        }
        // Polled every 2 s, the last wait cut to what was left.
        #expect(clock.sleeps == [.seconds(2), .seconds(2), .seconds(1)])
    }

    @Test func noWaitLooksOnceAndNamesEveryMissingShard() async throws {
        let store = try SQLiteStore(path: ":memory:")
        let clock = ManualClock()
        await #expect(throws: GroupError.incomplete(group: "nightly", missing: [1, 2, 3, 4], running: [], interrupted: [], waited: "0s")) {
            try await GroupGate(group: "nightly", shards: 4).waitForShards(store: store, clock: clock)
        }
        #expect(clock.sleeps.isEmpty)
        #expect(GroupError.incomplete(group: "nightly", missing: [1, 2, 3, 4], running: [], interrupted: [], waited: "0s").description
            == "group \"nightly\": 4 shards not complete after waiting 0s (no run: 1, 2, 3, 4)")
    }

    @Test func shardsThatFinishWhileWaitingPass() async throws {
        let store = try SQLiteStore(path: ":memory:")
        _ = try Shards.storeShard(1, in: store)
        let clock = ManualClock()
        clock.onSleep = { count in
            if count == 1 { _ = try Shards.storeShard(2, in: store) }
            if count == 3 { _ = try Shards.storeShard(3, in: store) }
        }
        let group = try await GroupGate(group: "g", shards: 3, wait: .seconds(60)).waitForShards(store: store, clock: clock)
        #expect(group.isComplete)
        #expect(clock.sleeps == [.seconds(2), .seconds(2), .seconds(2)])
    }

    @Test func interruptedShardsEndTheWaitAtOnceAskingForAResume() async throws {
        let store = try SQLiteStore(path: ":memory:")
        _ = try Shards.storeShard(1, in: store)
        let interrupted = try Shards.storeShard(2, status: .interrupted, in: store)
        _ = try Shards.storeShard(3, in: store)
        let clock = ManualClock()
        do {
            _ = try await GroupGate(group: "g", shards: 3, wait: .seconds(600)).waitForShards(store: store, clock: clock)
            Issue.record("the gate passed a group with an interrupted shard")
        } catch let error as GroupError {
            #expect(error.description == "group \"g\": shard 2 (run #\(interrupted)) interrupted; resume with `triage-eval resume group:g`, then gate again")
        }
        #expect(clock.sleeps.isEmpty)
    }

    @Test func anotherShardCountIsInvalidInput() async throws {
        let store = try SQLiteStore(path: ":memory:")
        _ = try Shards.storeShard(1, in: store)
        await #expect(throws: GroupError.wrongShardCount(group: "g", stored: 3, expected: 4)) {
            try await GroupGate(group: "g", shards: 4, wait: .seconds(10)).waitForShards(store: store, clock: ManualClock())
        }
        #expect(GroupError.wrongShardCount(group: "g", stored: 3, expected: 4).description == "group \"g\" was split into 3 shards, not 4 (--shards)")
    }

    @Test(arguments: [("90s", 90), ("20m", 1200), ("1h", 3600), ("1m30s", 90), ("45", 45), ("0", 0)])
    func durations(text: String, seconds: Int) {
        #expect(GroupGate.parseDuration(text) == .seconds(seconds))
    }

    @Test(arguments: ["", "m", "10x", "-5", "1.5m", "10 s"])
    func badDurations(text: String) {
        #expect(GroupGate.parseDuration(text) == nil)
    }

    @Test func durationsPrintAsTheyAreWritten() {
        #expect(GroupGate.format(.seconds(90)) == "1m30s")
        #expect(GroupGate.format(.seconds(3600)) == "1h")
        #expect(GroupGate.format(.zero) == "0s")
        #expect(GroupGate.format(.milliseconds(500)) == "500ms")
    }
}
