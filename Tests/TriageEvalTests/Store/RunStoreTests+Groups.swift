import Foundation
import Testing
import TriageEngine
@testable import TriageEval

/// Groups in the store, on every backend: shard membership round-trips, a group's runs are found by name,
/// and the results and calls of several runs come back in the order one run over all of them stores them.
extension RunStoreTests {
    /// The synthetic results split over three shards (not by hash: the store does not care how).
    static let shardResults: [Int: [ScenarioResult]] = {
        var results = SyntheticResults.results
        results[1].calls = [call("stage1", hash: "h2", cost: 0.25)]
        results[3].calls = [call("stage1", hash: "h4a", cost: 0.5), call("reply", hash: "h4b", cost: 0.125)]
        results[2].calls = [call("stage1", hash: "h3", cost: 1)]
        return [1: [results[0], results[3]], 2: [results[1], results[4]], 3: [results[2]]]
    }()

    /// Starts shard `index` of 3 of group `group` and stores its results; returns the run id.
    static func storeShard(_ index: Int, of count: Int = 3, group: String = "g", status: StoredRun.Status = .completed,
                           results: [ScenarioResult]? = nil, sha: String = "0", in store: any RunStore) throws -> Int64 {
        var run = SyntheticResults.run()
        run.shard = GroupShard(group: group, slice: ShardSlice(index: index, count: count)!)
        run.sources = [SourceFile(kind: "suite", path: "s.yaml", sha256: String(repeating: sha, count: 64))]
        let stored = results ?? shardResults[index] ?? []
        run.plannedResults = stored.count
        let id = try store.startRun(run)
        try store.append(stored, run: id)
        if status != .running { try store.finishRun(id, status: status, at: date) }
        return id
    }

    @Test(arguments: StoreBackend.allCases)
    func aShardRunKeepsItsGroup(backend: StoreBackend) throws {
        let fixture = try backend.makeEmptyStore()
        defer { fixture.remove() }
        let store = fixture.store
        let whole = try store.startRun(SyntheticResults.run())
        let shard = try Self.storeShard(2, group: "pr-17.a_b", in: store)
        #expect(try store.run(shard)?.shard == GroupShard(group: "pr-17.a_b", slice: ShardSlice(index: 2, count: 3)!))
        #expect(try store.run(whole)?.shard == nil)
        #expect(try store.runs(group: "pr-17.a_b").map(\.id) == [shard])
        #expect(try store.runs(group: "pr-17").isEmpty)
    }

    @Test(arguments: StoreBackend.allCases)
    func resultsAndCallsOfSeveralRunsComeBackInScenarioOrder(backend: StoreBackend) throws {
        let fixture = try backend.makeEmptyStore()
        defer { fixture.remove() }
        let store = fixture.store
        // Stored out of order: shard 3 first.
        let ids = try [3, 1, 2].map { try Self.storeShard($0, in: store) }
        let merged = try store.results(runs: ids, detail: .full)
        #expect(merged.map(\.scenarioID) == ["r1", "r2", "r3", "r4", "r5"])
        #expect(merged.map(\.ordinal) == [0, 1, 2, 3, 4])
        #expect(try store.results(runs: ids, detail: .summary).map(\.status) == SyntheticResults.results.map(\.status))
        #expect(try store.calls(runs: ids).map(\.requestHash) == ["h2", "h3", "h4a", "h4b"])
        #expect(try store.results(runs: [], detail: .full).isEmpty)
        #expect(try store.calls(runs: [ids[0]]).map(\.requestHash) == ["h3"])
    }
}
