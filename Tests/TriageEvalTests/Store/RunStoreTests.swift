import Foundation
import Testing
import TriageEngine
@testable import TriageEval

/// What every ``RunStore`` backend must do, run against each of ``StoreBackend/allCases``.
@Suite("Run store")
struct RunStoreTests {
    static let date = Date(timeIntervalSince1970: 1_700_000_000)

    static func run(suites: [String], pid: Int32 = 1, host: String = "h") -> StoredRun {
        var run = SyntheticResults.run()
        run.suites = suites
        run.pid = pid
        run.host = host
        return run
    }

    static func call(_ purpose: String, hash: String, cost: Double = 0.5) -> CallRecord {
        CallRecord(provider: "openai", model: "m", purpose: purpose, status: 200, attempts: 1, latencyMs: 12.5, inputTokens: 10,
                   outputTokens: 3, costUSD: cost, errorClass: nil, cached: false, requestHash: hash)
    }

    @Test(arguments: StoreBackend.allCases)
    func aRunRoundTrips(backend: StoreBackend) throws {
        let fixture = try backend.makeEmptyStore()
        defer { fixture.remove() }
        let store = fixture.store
        let gates = RunGates(suites: ["s": GateSet(accuracy: 0.9)], run: GateSet(maxErrorRate: 0.1))
        var run = SyntheticResults.run(gates: gates)
        run.suites = ["s", "other_suite"]
        run.sources.append(SourceFile(kind: "rules", path: "rules/escalation.yaml", sha256: String(repeating: "1", count: 64)))
        let id = try store.startRun(run)
        #expect(try store.run(id)?.status == .running)
        #expect(try store.run(id)?.finishedAt == nil)
        try store.append(Array(SyntheticResults.results.prefix(3)), run: id)
        try store.append(Array(SyntheticResults.results.suffix(2)), run: id)
        try store.finishRun(id, status: .completed, at: Self.date)

        let loaded = try #require(try store.run(id))
        var expected = run
        expected.id = id
        expected.status = .completed
        expected.finishedAt = Self.date
        // A run's start is its first heartbeat.
        expected.heartbeatAt = run.startedAt
        #expect(loaded == expected)
        #expect(try store.results(run: id) == SyntheticResults.results)
        #expect(try store.resultCount(run: id) == 5)
        #expect(try store.run(id + 1) == nil)
    }

    @Test(arguments: StoreBackend.allCases)
    func suiteLookupMatchesNamesExactly(backend: StoreBackend) throws {
        let fixture = try backend.makeEmptyStore()
        defer { fixture.remove() }
        let store = fixture.store
        // `_` and `%` are LIKE wildcards: a lookup by pattern would let `a_b` find `axb` and `a%` find both.
        let axb = try store.startRun(Self.run(suites: ["axb"]))
        try store.finishRun(axb, status: .completed)
        #expect(try store.latestRunID(suite: "a_b") == nil)
        #expect(try store.latestRunID(suite: "a%") == nil)
        #expect(try store.completedRuns(suite: "a_b", limit: 5).isEmpty)
        #expect(try store.latestRunID(suite: "axb") == axb)
        let ab = try store.startRun(Self.run(suites: ["first", "a_b"]))
        try store.finishRun(ab, status: .completed)
        #expect(try store.latestRunID(suite: "a_b") == ab)
        #expect(try store.latestRunID(suite: "axb") == axb)
        #expect(try store.completedRuns(suite: "a_b", limit: 5).map(\.id) == [ab])
        #expect(try store.latestRunID(suite: "b") == nil)
        #expect(try store.latestRunID(suite: "first,a_b") == nil)
    }

    @Test(arguments: StoreBackend.allCases)
    func latestAndCompletedRunsFilterAndOrder(backend: StoreBackend) throws {
        let fixture = try backend.makeEmptyStore()
        defer { fixture.remove() }
        let store = fixture.store
        #expect(try store.latestRunID() == nil)
        var ids: [Int64] = []
        for index in 0..<4 {
            let id = try store.startRun(Self.run(suites: ["s"]))
            if index != 2 { try store.finishRun(id, status: .completed) }
            ids.append(id)
        }
        let other = try store.startRun(Self.run(suites: ["t"]))
        #expect(try store.latestRunID() == other)
        #expect(try store.latestRunID(suite: "s") == ids[3])
        #expect(try store.latestRunID(suite: "t", completedOnly: true) == nil)
        #expect(try store.latestRunID(suite: nil, completedOnly: true) == ids[3])
        // Oldest first, the newest `limit` of them; the running one is left out.
        #expect(try store.completedRuns(suite: "s", limit: 2).map(\.id) == [ids[1], ids[3]])
        #expect(try store.completedRuns(suite: "s", limit: 10).map(\.id) == [ids[0], ids[1], ids[3]])
        #expect(try store.runs(limit: 3).map(\.id) == [other, ids[3], ids[2]])
        #expect(try store.runs().count == 5)
    }

    @Test(arguments: StoreBackend.allCases)
    func runsLeftRunningByADeadProcessBecomeInterrupted(backend: StoreBackend) throws {
        let fixture = try backend.makeEmptyStore()
        defer { fixture.remove() }
        let store = fixture.store
        let host = ProcessInfo.processInfo.hostName
        let deadID = try store.startRun(Self.run(suites: ["s"], pid: 999_999, host: host))
        let aliveID = try store.startRun(Self.run(suites: ["s"], pid: 1, host: host))
        let elsewhereID = try store.startRun(Self.run(suites: ["s"], pid: 999_999, host: host + "-elsewhere"))
        let finishedID = try store.startRun(Self.run(suites: ["s"], pid: 999_999, host: host))
        try store.finishRun(finishedID, status: .completed, at: Self.date)
        // Within the lease: only the dead process on this host counts.
        let now = SyntheticResults.run().startedAt.addingTimeInterval(60)
        #expect(try store.markStaleRuns(host: host, isAlive: { $0 == 1 }, lease: 120, now: now) == [deadID])
        #expect(try store.run(deadID)?.status == .interrupted)
        // A dead run ended when it last made progress; this one never did, so when it started.
        #expect(try store.run(deadID)?.finishedAt == SyntheticResults.run().startedAt)
        #expect(try store.run(aliveID)?.status == .running)
        #expect(try store.run(elsewhereID)?.status == .running)
        #expect(try store.run(finishedID)?.status == .completed)
        #expect(try store.run(finishedID)?.finishedAt == Self.date)
        #expect(try store.markStaleRuns(host: host, isAlive: { $0 == 1 }, lease: 120, now: now) == [])
    }

    @Test(arguments: StoreBackend.allCases)
    func rewritingAResultReplacesItInsteadOfDuplicating(backend: StoreBackend) throws {
        let fixture = try backend.makeEmptyStore()
        defer { fixture.remove() }
        let store = fixture.store
        let id = try store.startRun(SyntheticResults.run())
        try store.append(SyntheticResults.results, run: id)
        var changed = SyntheticResults.results[0]
        changed.latencyMs = 99
        try store.append([changed], run: id)
        #expect(try store.resultCount(run: id) == 5)
        #expect(try store.results(run: id).first?.latencyMs == 99)
        try store.append([], run: id)
        #expect(try store.resultCount(run: id) == 5)
        // A result rewritten as errored loses its decision (on PostgreSQL a row of its own since v7), and one
        // rewritten with another decision shows that one, in every full read.
        var errored = SyntheticResults.results[4]
        errored.ordinal = 0
        errored.scenarioID = changed.scenarioID
        let key = ResultKey(suite: changed.suite, scenarioID: changed.scenarioID, repeatIndex: changed.repeatIndex)
        try store.commit([errored], run: id, replacing: true)
        #expect(try store.results(run: id).first == errored)
        #expect(try store.result(run: id, key: key)?.decision == nil)
        var relabelled = SyntheticResults.results[2]
        relabelled.ordinal = 0
        relabelled.scenarioID = changed.scenarioID
        try store.commit([relabelled], run: id, replacing: true)
        #expect(try store.results(run: id).first == relabelled)
        #expect(try store.result(run: id, key: key)?.decision == relabelled.decision && relabelled.decision != nil)
        #expect(try store.results(runs: [id], detail: .full) == (try store.results(run: id)))
        #expect(try store.resultCount(run: id) == 5)
    }

    @Test(arguments: StoreBackend.allCases)
    func callsAndRequestsAreKeptInScenarioOrder(backend: StoreBackend) throws {
        let fixture = try backend.makeEmptyStore()
        defer { fixture.remove() }
        let store = fixture.store
        let id = try store.startRun(SyntheticResults.run())
        var first = SyntheticResults.results[0]
        first.calls = [Self.call("classify", hash: "h1"), Self.call(ModelAssertionChecker.judgePurpose, hash: "h2", cost: 2)]
        first.requests = ["h1": "{\"a\":1}", "h2": "{\"b\":2}"]
        var second = SyntheticResults.results[1]
        second.calls = [Self.call("classify", hash: "h1")]
        second.requests = ["h1": "{\"a\":1}"]
        // Stored out of order: calls come back in the order of their results.
        try store.append([second], run: id)
        try store.append([first], run: id)
        #expect(try store.calls(run: id) == first.calls + second.calls)
        #expect(try store.request(hash: "h1") == "{\"a\":1}")
        #expect(try store.request(hash: "h2") == "{\"b\":2}")
        #expect(try store.request(hash: "h3") == nil)
        // Summaries carry the stored cost of the model under test (judge calls apart).
        let summary = try store.results(run: id, detail: .summary)
        #expect(summary.map(\.costUSD) == [0.5, 0.5])
    }

    @Test(arguments: StoreBackend.allCases)
    func baselinesAreSetReplacedAndListed(backend: StoreBackend) throws {
        let fixture = try backend.makeEmptyStore()
        defer { fixture.remove() }
        let store = fixture.store
        let one = try store.startRun(Self.run(suites: ["s"]))
        let two = try store.startRun(Self.run(suites: ["s", "t"]))
        #expect(try store.baseline(suite: "s") == nil)
        try store.setBaseline(suite: "t", run: two, at: Self.date)
        try store.setBaseline(suite: "s", run: one, at: Self.date)
        try store.setBaseline(suite: "s", run: two, at: Self.date.addingTimeInterval(60))
        #expect(try store.baseline(suite: "s") == two)
        #expect(try store.baselines() == [Baseline(suite: "s", run: two, setAt: Self.date.addingTimeInterval(60)),
                                          Baseline(suite: "t", run: two, setAt: Self.date)])
    }

    @Test(arguments: StoreBackend.allCases)
    func theFirstCachedResponseForAKeyWins(backend: StoreBackend) async throws {
        let fixture = try backend.makeEmptyStore()
        defer { fixture.remove() }
        let store = fixture.store
        let first = CachedResponse(body: Data("{\"ok\":1}".utf8), status: 200, latencyMs: 5, inputTokens: 7, outputTokens: 2)
        let second = CachedResponse(body: Data("{\"ok\":2}".utf8), status: 200, latencyMs: 9, inputTokens: 1, outputTokens: 1)
        #expect(try await store.cachedResponse(key: "k") == nil)
        try await store.cacheResponse(first, key: "k")
        try await store.cacheResponse(second, key: "k")
        #expect(try await store.cachedResponse(key: "k") == first)
        #expect(try store.cachedResponseCount() == 1)
        let cache = StoreResponseCache(store: store)
        try await cache.store(key: "other", response: second)
        #expect(try await cache.lookup(key: "other") == second)
        #expect(try store.cachedResponseCount() == 2)
    }

    /// Reports read columns only; they must equal reports over fully decoded results.
    @Test(arguments: StoreBackend.allCases)
    func summaryReportEqualsFullReport(backend: StoreBackend) async throws {
        let fixture = try backend.makeEmptyStore()
        defer { fixture.remove() }
        let store = fixture.store
        let workspace = try EvalFixtures.workspace([EvalFixtures.root + "/scenarios"])
        let evaluation = Evaluation(workspace: workspace, engine: try Engine.make(workspace: workspace, options: EngineOptions(), store: nil, logger: EvalFixtures.logger))
        let outcome = try await evaluation.run(store: store)
        let run = try #require(try store.run(outcome.runID))
        let full = try store.results(run: outcome.runID, detail: .full)
        let summary = try store.results(run: outcome.runID, detail: .summary)
        #expect(full.count == workspace.scenarios.count)
        #expect(full.allSatisfy { $0.decision != nil })
        #expect(summary.allSatisfy { $0.decision == nil })
        #expect(RunReport.build(run: run, results: summary) == RunReport.build(run: run, results: full))
        #expect(summary.map(\.failedChecks) == full.map(\.failedChecks))
        #expect(try RunReport.build(run: outcome.runID, store: store) == outcome.report)
    }
}
