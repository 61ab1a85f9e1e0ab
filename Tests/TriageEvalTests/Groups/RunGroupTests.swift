import Foundation
import Testing
import TriageEngine
@testable import TriageEval

/// A group's shards as one run: resolution of `group:NAME`, which run counts for a shard, refusal of shards
/// run on different files, and a merged report equal to the report of one run over the same results.
@Suite("Run groups")
struct RunGroupTests {
    typealias Shards = RunStoreTests

    @Test(arguments: StoreBackend.allCases)
    func aGroupReferenceResolvesToItsMergedRun(backend: StoreBackend) throws {
        let fixture = try backend.makeEmptyStore()
        defer { fixture.remove() }
        let store = fixture.store
        _ = try store.startRun(SyntheticResults.run())
        let second = try Shards.storeShard(2, in: store)
        let first = try Shards.storeShard(1, in: store)
        let third = try Shards.storeShard(3, in: store)
        #expect(RunReference("group:g") == .group("g"))
        #expect(RunReference("group:") == nil)
        #expect(RunReference("group:a b") == nil)
        #expect(try RunReference.group("g").resolve(in: store) == first)
        #expect(try RunReference.group("other").resolve(in: store) == nil)
        let group = try #require(try RunGroup.load("g", from: store))
        #expect(group.isComplete)
        #expect(group.runIDs == [first, second, third])
        let merged = try #require(try store.run(.group("g")))
        #expect(merged.id == first)
        #expect(merged.status == .completed)
        #expect(merged.plannedResults == 5)
        #expect(merged.shard == nil)
    }

    @Test(arguments: StoreBackend.allCases)
    func theMergedReportIsTheReportOfOneRunOverTheSameResults(backend: StoreBackend) throws {
        let fixture = try backend.makeEmptyStore()
        defer { fixture.remove() }
        let store = fixture.store
        let gates = RunGates(suites: ["s": GateSet(accuracy: 0.9)], run: GateSet())
        let whole = SyntheticResults.run(gates: gates)
        let wholeID = try store.startRun(whole)
        try store.append(Shards.shardResults.keys.sorted().flatMap { Shards.shardResults[$0]! }, run: wholeID)
        try store.finishRun(wholeID, status: .completed, at: RunStoreTests.date)
        for index in [2, 3, 1] {
            var run = SyntheticResults.run(gates: gates)
            run.shard = GroupShard(group: "g", slice: ShardSlice(index: index, count: 3)!)
            let id = try store.startRun(run)
            try store.append(Shards.shardResults[index]!, run: id)
            try store.finishRun(id, status: .completed, at: RunStoreTests.date)
        }
        var single = try #require(try RunReport.build(.id(wholeID), store: store))
        let group = try #require(try RunReport.build(.group("g"), store: store))
        #expect(group.run.id != single.run.id)
        single.run.id = group.run.id
        #expect(group == single)
        #expect(try group.render(.json) == single.render(.json))
        #expect(try group.render(.text) == single.render(.text))
        #expect(group.gates.map(\.passed) == [false])
    }

    @Test(arguments: StoreBackend.allCases)
    func aShardRunAgainReplacesTheEarlierRunUnlessOnlyThatOneCompleted(backend: StoreBackend) throws {
        let fixture = try backend.makeEmptyStore()
        defer { fixture.remove() }
        let store = fixture.store
        let interrupted = try Shards.storeShard(1, status: .interrupted, results: [], in: store)
        let retried = try Shards.storeShard(1, in: store)
        let retriedAgainButDied = try Shards.storeShard(1, status: .interrupted, results: [], in: store)
        _ = try Shards.storeShard(2, status: .running, in: store)
        let group = try #require(try RunGroup.load("g", from: store))
        #expect(group.shards[1]?.id == retried)
        #expect(![interrupted, retriedAgainButDied].contains(group.shards[1]?.id ?? 0))
        #expect(group.missing == [3])
        #expect(group.running.map { $0.shard?.slice.index } == [2])
        #expect(!group.isComplete)
        #expect(group.run.status == .running)
    }

    @Test(arguments: StoreBackend.allCases)
    func shardsRunOnDifferentFilesAreRefusedNamingThem(backend: StoreBackend) throws {
        let fixture = try backend.makeEmptyStore()
        defer { fixture.remove() }
        let store = fixture.store
        let first = try Shards.storeShard(1, in: store)
        let second = try Shards.storeShard(2, sha: "a", in: store)
        #expect(throws: GroupError.inputsDiffer(group: "g", path: "s.yaml", first: "shard 1/3 (run #\(first)) has sha256 000000000000",
                                                other: "shard 2/3 (run #\(second)) has sha256 aaaaaaaaaaaa")) {
            try RunGroup.load("g", from: store)
        }
        let error = GroupError.inputsDiffer(group: "g", path: "s.yaml", first: "shard 1/3 (run #\(first)) has sha256 000000000000",
                                            other: "shard 2/3 (run #\(second)) has sha256 aaaaaaaaaaaa")
        #expect(error.description == "group \"g\": its shards ran on different files and cannot be merged: s.yaml: shard 1/3 (run #\(first)) has sha256 000000000000, shard 2/3 (run #\(second)) has sha256 aaaaaaaaaaaa")
        #expect(error.isInvalidInput)
    }

    @Test(arguments: StoreBackend.allCases)
    func runsSplitIntoDifferentShardCountsAreRefused(backend: StoreBackend) throws {
        let fixture = try backend.makeEmptyStore()
        defer { fixture.remove() }
        let store = fixture.store
        let first = try Shards.storeShard(1, in: store)
        let other = try Shards.storeShard(1, of: 4, in: store)
        do {
            _ = try RunGroup.load("g", from: store)
            Issue.record("loaded a group of mixed shard counts")
        } catch let error as GroupError {
            #expect(error.description == "group \"g\" mixes shard counts: run #\(first) is one of 3 shards, run #\(other) one of 4; use a new group name for a new split")
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func driftHistoryCountsACompleteGroupAsOneRun(backend: StoreBackend) throws {
        let fixture = try backend.makeEmptyStore()
        defer { fixture.remove() }
        let store = fixture.store
        let whole = try store.startRun(SyntheticResults.run())
        try store.append(SyntheticResults.results, run: whole)
        try store.finishRun(whole, status: .completed, at: RunStoreTests.date)
        let ids = try [1, 2, 3].map { try Shards.storeShard($0, in: store) }
        _ = try Shards.storeShard(1, group: "incomplete", in: store)
        let drift = try #require(try DriftReport.build(store: store, suite: "s"))
        #expect(drift.trend.map(\.run) == [whole, ids[0]])
        #expect(drift.trend.map(\.scenarios) == [5, 5])
        #expect(drift.trend[0].accuracy == drift.trend[1].accuracy)
    }
}
