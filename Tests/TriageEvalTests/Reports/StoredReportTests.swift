import Foundation
import Testing
import TriageEngine
@testable import TriageEval

/// `triage-eval report`'s choice of how to render a stored run: a single run's JSON streamed to standard output
/// is the same bytes as the whole text, a group's HTML carries the merged run, a missing run is nil, and the
/// gates' verdict comes back with the text.
@Suite("Stored report rendering")
struct StoredReportTests {
    typealias Shards = RunStoreTests

    @Test(arguments: StoreBackend.allCases)
    func streamedJSONIsTheWholeJSONAndGroupsRenderEveryFormat(backend: StoreBackend) throws {
        let fixture = try backend.makeEmptyStore()
        defer { fixture.remove() }
        let store = fixture.store
        let gates = RunGates(suites: ["s": GateSet(accuracy: 0.9)], run: GateSet())
        let single = try store.startRun(SyntheticResults.run(gates: gates))
        try store.append(Shards.shardResults.keys.sorted().flatMap { Shards.shardResults[$0]! }, run: single)
        try store.finishRun(single, status: .completed, at: RunStoreTests.date)

        var streamed: [UInt8] = []
        let viaStream = try #require(try StoredReport.render(.id(single), store: store, format: .json, to: .stream { streamed += $0 }))
        let whole = try #require(try StoredReport.render(.id(single), store: store, format: .json, to: .text))
        #expect(viaStream.text == nil)
        #expect(String(decoding: streamed, as: UTF8.self) == whole.text)
        #expect(whole.gatesPassed == false)
        #expect(viaStream.gatesPassed == false)
        // Formats other than JSON come back whole even when the destination streams.
        let text = try #require(try StoredReport.render(.latest, store: store, format: .text, to: .stream { _ in Issue.record("streamed text") }))
        #expect(text.text == (try RunReport.build(run: single, store: store, lines: .failures)?.render(.text)))

        for index in [2, 3, 1] {
            var run = SyntheticResults.run(gates: gates)
            run.shard = GroupShard(group: "g", slice: ShardSlice(index: index, count: 3)!)
            let id = try store.startRun(run)
            try store.append(Shards.shardResults[index]!, run: id)
            try store.finishRun(id, status: .completed, at: RunStoreTests.date)
        }
        var groupJSON: [UInt8] = []
        let group = try #require(try StoredReport.render(.group("g"), store: store, format: .json, to: .stream { groupJSON += $0 }))
        #expect(groupJSON.isEmpty)
        let merged = try #require(try RunReport.build(.group("g"), store: store))
        #expect(group.text == (try merged.render(.json)))
        let html = try #require(try StoredReport.render(.group("g"), store: store, format: .html, to: .text))
        #expect(html.text?.hasPrefix("<!DOCTYPE html>") == true)
        #expect(html.text?.contains("<title>triage-eval run #\(merged.run.id)</title>") == true)
        #expect(html.gatesPassed == false)
        #expect(try StoredReport.render(.group("missing"), store: store, format: .html, to: .text) == nil)
        #expect(try StoredReport.render(.id(999), store: store, format: .json, to: .stream { _ in }) == nil)
    }
}
