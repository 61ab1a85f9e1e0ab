import Testing
import TriageEngine
@testable import TriageEval

@Suite("Shard slices")
struct ShardSliceTests {
    /// FNV-1a 64 reference values, computed apart with Python (the published algorithm: offset basis
    /// 0xcbf29ce484222325, prime 0x100000001b3, xor then multiply, over the bytes of suite, NUL, id):
    /// `""` + NUL + `""` → 0xaf63bd4c8601b7df; `smoke` + NUL + `smoke-refund` → shard 2 of 3.
    @Test func theHashIsFNV1aOfSuiteNulAndID() {
        #expect(ShardSlice.hash(suite: "", id: "") == 0xaf63_bd4c_8601_b7df)
        #expect(ShardSlice(index: 2, count: 3)!.contains(suite: "smoke", id: "smoke-refund"))
        #expect(ShardSlice(index: 1, count: 3)!.contains(suite: "smoke", id: "smoke-howto"))
        // The NUL keeps suite and id apart: "ab"/"c" and "a"/"bc" are different scenarios.
        #expect(ShardSlice.hash(suite: "ab", id: "c") != ShardSlice.hash(suite: "a", id: "bc"))
    }

    static let ids = (0..<500).map { "ticket-\($0)" }

    @Test(arguments: [1, 2, 3, 8, 13])
    func everyScenarioIsInExactlyOneShard(count: Int) {
        let slices = (1...count).map { ShardSlice(index: $0, count: count)! }
        var sizes = [Int](repeating: 0, count: count)
        for id in Self.ids {
            let owners = slices.filter { $0.contains(suite: "core", id: id) }
            #expect(owners.count == 1, "\(id) is in \(owners.count) shards")
            if let owner = owners.first { sizes[owner.index - 1] += 1 }
        }
        #expect(sizes.reduce(0, +) == Self.ids.count)
        // Not a timing or luck bound: 500 ids over at most 13 shards leave none empty with this hash.
        #expect(sizes.allSatisfy { $0 > 0 })
    }

    @Test func addingAScenarioMovesNoOther() {
        let count = 8
        func assignment(_ ids: [String]) -> [String: Int] {
            Dictionary(uniqueKeysWithValues: ids.map { id in (id, (1...count).first { ShardSlice(index: $0, count: count)!.contains(suite: "core", id: id) }!) })
        }
        let before = assignment(Self.ids)
        // New scenarios at the front, in the middle and at the end, as a suite file grows.
        let after = assignment(["new-first"] + Self.ids.prefix(250) + ["new-middle"] + Self.ids.dropFirst(250) + ["new-last"])
        for (id, shard) in before { #expect(after[id] == shard, "\(id) moved") }
    }

    @Test func jobsKeepTheirPositionsInTheWholeRun() {
        let slice = ShardSlice(index: 2, count: 3)!
        let scenarios = ["smoke-refund", "smoke-howto", "smoke-hacked"].map {
            Scenario(id: $0, suite: "smoke", ticket: Ticket(id: $0, channel: "email", plan: "pro", customer: "C", messages: []),
                     expect: Expectation(), reply: [], tags: [], line: 1)
        }
        let jobs = Array(JobSequence(scenarios, repeats: 2, slice: slice))
        #expect(jobs.map(\.scenario.id) == ["smoke-refund", "smoke-refund", "smoke-hacked", "smoke-hacked"])
        #expect(jobs.map(\.ordinal) == [0, 0, 2, 2])
        #expect(jobs.map(\.repeatIndex) == [0, 1, 0, 1])
    }

    @Test(arguments: [
        ("2/3", nil),
        ("3/3", nil),
        ("0/3", "invalid shard \"0/3\": the shard K must be between 1 and 3"),
        ("4/3", "invalid shard \"4/3\": the shard K must be between 1 and 3"),
        ("1/0", "invalid shard \"1/0\": the shard count N must be at least 1"),
        ("2", "invalid shard \"2\": expected K/N, e.g. 2/8"),
        ("a/b", "invalid shard \"a/b\": expected K/N, e.g. 2/8"),
        ("1/2/3", "invalid shard \"1/2/3\": expected K/N, e.g. 2/8"),
    ] as [(String, String?)])
    func parsing(text: String, expected: String?) {
        let message: String?
        do {
            let slice = try ShardSlice(parsing: text)
            message = slice.description == text ? nil : "read as \(slice)"
        } catch {
            message = error.description
        }
        #expect(message == expected)
    }
}
