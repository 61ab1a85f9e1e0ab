import Foundation
import Testing
import TriageEngine
@testable import TriageEval

extension RunStoreTests {
    /// `result(run:key:)` (the viewer's scenario page): one result in full, its calls in order, nil for any other key.
    @Test(arguments: StoreBackend.allCases)
    func oneResultLoadsInFullWithItsCalls(backend: StoreBackend) throws {
        let fixture = try backend.makeEmptyStore()
        defer { fixture.remove() }
        let store = fixture.store
        var results = SyntheticResults.results
        results[1].calls = [Self.call("stage1", hash: "h1"), Self.call("reply", hash: "h2", cost: 0.25)]
        results[1].requests = ["h1": "{\"a\":1}", "h2": "{\"b\":2}"]
        var repeated = results[1]
        repeated.repeatIndex = 1
        repeated.calls = [Self.call("stage1", hash: "h3")]
        repeated.requests = ["h3": "{}"]
        let id = try store.startRun(Self.run(suites: ["s"]))
        try store.append(results + [repeated], run: id)
        let other = try store.startRun(Self.run(suites: ["s"]))
        try store.append([results[0]], run: other)

        let loaded = try #require(try store.result(run: id, key: ResultKey(suite: "s", scenarioID: "r2", repeatIndex: 0)))
        #expect(loaded.calls == results[1].calls)
        var expected = results[1]
        expected.requests = [:]
        #expect(loaded == expected)
        #expect(try store.result(run: id, key: ResultKey(suite: "s", scenarioID: "r2", repeatIndex: 1))?.calls.map(\.requestHash) == ["h3"])
        #expect(try store.result(run: id, key: ResultKey(suite: "s", scenarioID: "r1", repeatIndex: 0))?.calls == [])
        #expect(try store.result(run: id, key: ResultKey(suite: "s", scenarioID: "r2", repeatIndex: 2)) == nil)
        #expect(try store.result(run: id, key: ResultKey(suite: "other", scenarioID: "r2", repeatIndex: 0)) == nil)
        #expect(try store.result(run: other, key: ResultKey(suite: "s", scenarioID: "r2", repeatIndex: 0)) == nil)
        #expect(try store.result(run: id + 7, key: ResultKey(suite: "s", scenarioID: "r1", repeatIndex: 0)) == nil)
        #expect(try store.request(hash: "h2") == "{\"b\":2}")
    }
}
