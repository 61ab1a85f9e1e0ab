import Foundation
import Testing
import TriageEngine
@testable import TriageEval

/// Which scenarios `run --filter/--tag/--limit/--sample/--failed-from` selects, as pure values.
@Suite("Scenario selection")
struct ScenarioSelectionTests {
    static func scenario(_ id: String, suite: String = "s", tags: [String] = []) -> Scenario {
        Scenario(id: id, suite: suite, ticket: Ticket(id: id, channel: "email", plan: "pro", customer: "c", messages: [Message(role: .customer, text: "hi")]),
                 expect: Expectation(category: "billing"), reply: [], tags: tags, line: 1)
    }

    /// Twenty scenarios `t01`…`t20` of suite `s`.
    static let twenty = (1...20).map { scenario(String(format: "t%02d", $0)) }

    static let mixed = [
        scenario("refund-1", suite: "core", tags: ["billing", "vip"]),
        scenario("refund-2", suite: "core", tags: ["billing"]),
        scenario("howto-1", suite: "core", tags: ["how_to"]),
        scenario("refund-9", suite: "edge", tags: ["vip"]),
        scenario("a/b", suite: "edge"),
    ]

    static func ids(_ selection: ScenarioSelection, _ scenarios: [Scenario] = mixed) throws -> [String] {
        try selection.select(scenarios).map(\.id)
    }

    @Test(arguments: [
        ("refund-*", "refund-1", true), ("refund-*", "howto-1", false), ("refund-?", "refund-12", false),
        ("refund-[12]", "refund-2", true), ("refund-[!12]", "refund-2", false), ("refund-[a-z0-8]", "refund-9", false),
        ("*", "any/thing", true), ("?/?", "a/b", true), ("*-1", "refund-1", true),
        ("\\*", "*", true), ("\\*", "x", false), ("[]]", "]", true), ("r*d*-1", "refund-1", true), ("", "", true),
    ])
    func globMatchesLikeAShellPath(pattern: String, name: String, matches: Bool) throws {
        #expect(try GlobPattern(pattern).matches(name) == matches)
    }

    @Test(arguments: [
        ("ab[c", "--filter 'ab[c': the '[' at column 3 is never closed with ']'"),
        ("x\\", "--filter 'x\\': a trailing '\\' escapes nothing (write '\\\\' for a backslash)"),
        ("[z-a]", "--filter '[z-a]': the range 'z-a' at column 2 runs backwards"),
    ])
    func badGlobsAreRefusedWithTheReason(pattern: String, message: String) {
        #expect(throws: ScenarioSelectionError.self) { try GlobPattern(pattern) }
        do { _ = try GlobPattern(pattern) } catch { #expect(error.description == message) }
    }

    @Test(arguments: [
        ("core/*", "core", "x/y", true), ("core/*", "edge", "core-1", false), ("*/refund-?", "edge", "refund-9", true),
        ("a/b", "edge", "a/b", true), ("a/b", "a", "b", true), ("a\\/b", "a", "b", false), ("c*", "core", "x", false),
    ])
    func aFilterWithASlashAlsoMatchesSuiteThenId(pattern: String, suite: String, id: String, matches: Bool) throws {
        #expect(try ScenarioSelection.Filter(pattern).matches(Self.scenario(id, suite: suite)) == matches)
    }

    @Test func filtersMatchTheIdOrSuiteSlashIdAndAnyOfThem() throws {
        #expect(try Self.ids(ScenarioSelection(filters: ["refund-*"])) == ["refund-1", "refund-2", "refund-9"])
        #expect(try Self.ids(ScenarioSelection(filters: ["edge/*"])) == ["refund-9", "a/b"])
        #expect(try Self.ids(ScenarioSelection(filters: ["howto-1", "edge/refund-?"])) == ["howto-1", "refund-9"])
    }

    @Test func tagsAreAnyOfAndCombineWithFilters() throws {
        #expect(try Self.ids(ScenarioSelection(tags: ["vip", "how_to"])) == ["refund-1", "howto-1", "refund-9"])
        #expect(try Self.ids(ScenarioSelection(filters: ["core/*"], tags: ["vip"])) == ["refund-1"])
    }

    @Test func limitTakesTheFirstInFileOrderAfterTheOtherCriteria() throws {
        #expect(try Self.ids(ScenarioSelection(limit: 2)) == ["refund-1", "refund-2"])
        #expect(try Self.ids(ScenarioSelection(tags: ["vip"], limit: 1)) == ["refund-1"])
        #expect(try Self.ids(ScenarioSelection(limit: 99)).count == 5)
    }

    /// Expected ids computed independently in Python (FNV-1a 64 of `suite/id`, XOR seed, one SplitMix64 step;
    /// the 5 smallest keys, in file order).
    @Test func sampleIsTheSameForTheSameSeedOnEveryCallAndStableAsTheSuiteGrows() throws {
        let one = ScenarioSelection(sample: 5)
        #expect(try Self.ids(one, Self.twenty) == ["t03", "t08", "t11", "t13", "t18"])
        #expect(try Self.ids(one, Self.twenty) == Self.ids(one, Self.twenty))
        #expect(try Self.ids(ScenarioSelection(sample: 5, seed: 1), Self.twenty) == ["t03", "t08", "t11", "t13", "t18"])
        #expect(try Self.ids(ScenarioSelection(sample: 5, seed: 7), Self.twenty) == ["t08", "t09", "t10", "t13", "t20"])
        // A new scenario moves no other scenario's draw key.
        #expect(try Self.ids(one, Self.twenty + [Self.scenario("t21")]) == ["t03", "t08", "t11", "t13", "t18"])
        // A sample at least as large as the candidates takes them all; limit applies after it.
        #expect(try Self.ids(ScenarioSelection(sample: 50), Self.twenty).count == 20)
        #expect(try Self.ids(ScenarioSelection(limit: 2, sample: 5), Self.twenty) == ["t03", "t08"])
    }

    @Test func failedFromKeepsOnlyTheScenariosNamedFailed() throws {
        let failed: Set = [ScenarioKey(suite: "core", scenarioID: "refund-2"), ScenarioKey(suite: "edge", scenarioID: "refund-9"),
                           ScenarioKey(suite: "other", scenarioID: "howto-1")]
        #expect(try ScenarioSelection(failedFrom: .latest).select(Self.mixed, failed: failed).map(\.id) == ["refund-2", "refund-9"])
    }

    @Test(arguments: [
        (ScenarioSelection(limit: 0), "--limit must be at least 1, got 0"),
        (ScenarioSelection(sample: -3), "--sample must be at least 1, got -3"),
        (ScenarioSelection(seed: 4), "--seed needs --sample (it seeds the sample's draw)"),
        (ScenarioSelection(filters: ["nope*"]), "no scenario matches --filter 'nope*' (5 scenarios in 2 suites)"),
        (ScenarioSelection(filters: ["core/*"], tags: ["missing tag"]), "no scenario matches --filter 'core/*' --tag 'missing tag' (5 scenarios in 2 suites)"),
    ])
    func badOrEmptySelectionsSayWhy(selection: ScenarioSelection, message: String) {
        #expect(EvalFixtures.errorText { try selection.select(Self.mixed, suites: 2) } == message)
    }

    @Test func flagsAndSummaryReadAsTyped() {
        var selection = ScenarioSelection(filters: ["refund-*"], tags: ["vip"], limit: 3, sample: 12, failedFrom: .latest)
        selection.failedFromRun = 4
        #expect(selection.flags == "--failed-from latest (run #4) --filter 'refund-*' --tag vip --sample 12 --seed 1 --limit 3")
        #expect(RunSelection(criteria: selection, selected: 3, total: 103).summary
                == "partial: 3 of 103 scenarios (--failed-from latest (run #4) --filter 'refund-*' --tag vip --sample 12 --seed 1 --limit 3)")
        #expect(RunSelection(criteria: ScenarioSelection(filters: ["*"]), selected: 5, total: 5).summary == "all 5 scenarios selected (--filter '*')")
        #expect(!RunSelection(criteria: ScenarioSelection(filters: ["*"]), selected: 5, total: 5).isPartial)
    }

    @Test func theStoredSelectionIsOneJSONObjectThatRoundTrips() throws {
        let selection = RunSelection(criteria: ScenarioSelection(filters: ["a*"], sample: 2, seed: 9), selected: 2, total: 7)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode(selection), as: UTF8.self)
        #expect(text == #"{"filter":["a*"],"partial":true,"sample":2,"seed":9,"selected":2,"summary":"partial: 2 of 7 scenarios (--filter 'a*' --sample 2 --seed 9)","tag":[],"total":7}"#)
        #expect(try JSONDecoder().decode(RunSelection.self, from: Data(text.utf8)) == selection)
    }

    @Test func applyingToSuitesDropsEmptySuitesAndStatesTheSeed() throws {
        let store = try SQLiteStore(path: ":memory:")
        let suites = [Suite(name: "core", description: "", gates: GateSet(), scenarios: Array(Self.mixed.prefix(3)), source: SourceFile(kind: "suite", path: "core.yaml", sha256: "")),
                      Suite(name: "edge", description: "", gates: GateSet(), scenarios: Array(Self.mixed.suffix(2)), source: SourceFile(kind: "suite", path: "edge.yaml", sha256: ""))]
        let applied = try ScenarioSelection(filters: ["howto-*", "a/b"], sample: 1).apply(to: suites, store: store)
        #expect(applied.suites.flatMap(\.scenarios).count == 1)
        #expect(applied.selection.criteria.seed == 1)
        #expect(applied.selection.selected == 1 && applied.selection.total == 5)
        #expect(EvalFixtures.errorText { try ScenarioSelection(failedFrom: .id(9)).apply(to: suites, store: store) } == "--failed-from 9: no such run in :memory:")
    }

    @Test func failedFromReadsTheStoreAndSaysWhenNothingFailed() throws {
        let store = try SQLiteStore(path: ":memory:")
        let suite = Suite(name: "s", description: "", gates: GateSet(), scenarios: ["r1", "r2", "r3", "r4", "r5"].map { Self.scenario($0) },
                          source: SourceFile(kind: "suite", path: "s.yaml", sha256: ""))
        let failing = try store.startRun(SyntheticResults.run())
        try store.append(SyntheticResults.results, run: failing)
        // r2 and r3 failed, r5 errored (SyntheticResults).
        let applied = try ScenarioSelection(failedFrom: .latest).apply(to: [suite], store: store)
        #expect(applied.suites[0].scenarios.map(\.id) == ["r2", "r3", "r5"])
        #expect(applied.selection.criteria.failedFromRun == failing)
        let clean = try store.startRun(SyntheticResults.run())
        try store.append([SyntheticResults.results[0]], run: clean)
        #expect(EvalFixtures.errorText { try ScenarioSelection(failedFrom: .latest).apply(to: [suite], store: store) }
                == "no scenario matches --failed-from latest: run #\(clean) has no failed or errored scenario")
        // A stored selection keeps the run it resolved to, though `latest` now names another.
        var stored = ScenarioSelection(failedFrom: .latest)
        stored.failedFromRun = failing
        #expect(try stored.apply(to: [suite], store: store).suites[0].scenarios.map(\.id) == ["r2", "r3", "r5"])
    }
}

/// A partial run keeps its selection through the library's run and resume paths.
@Suite("Partial runs")
struct PartialRunTests {
    static let cli = EvalFixtures.root + "/Tests/Fixtures/cli/"

    func configuration(_ selection: ScenarioSelection) -> RunConfiguration {
        var configuration = RunConfiguration(rules: Self.cli + "rules", prompts: Self.cli + "prompts",
                                             suitePaths: [Self.cli + "pass.yaml", Self.cli + "failing.yaml"])
        configuration.selection = selection
        return configuration
    }

    @Test func aPartialRunStoresItsSelectionAndPlansOnlyWhatItSelected() async throws {
        let store = try SQLiteStore(path: ":memory:")
        let configuration = configuration(ScenarioSelection(filters: ["smoke-refund", "failing-right"]))
        let evaluation = try configuration.prepare(workspace: try configuration.load(), store: store)
        let outcome = try await evaluation.run(store: store)
        let run = try #require(try store.run(outcome.runID))
        #expect(run.status == .completed)
        #expect(run.plannedResults == 2)
        #expect(run.suites == ["smoke", "failing"])
        #expect(run.selection?.summary == "partial: 2 of 5 scenarios (--filter 'smoke-refund' --filter 'failing-right')")
        #expect(outcome.report.selection == run.selection)
        #expect(outcome.report.results.map(\.id) == ["smoke-refund", "failing-right"])
    }

    /// Resume applies the stored criteria again: an interrupted partial run has nothing left to run, where the
    /// suites' other scenarios would otherwise look unfinished.
    @Test func resumingAPartialRunRunsOnlyItsSelection() async throws {
        let store = try SQLiteStore(path: ":memory:")
        let configuration = configuration(ScenarioSelection(filters: ["smoke-refund"]))
        let outcome = try await configuration.prepare(workspace: try configuration.load(), store: store).run(store: store)
        try store.finishRun(outcome.runID, status: .interrupted)
        let resumption = try Resumption.prepare(run: outcome.runID, store: store)
        #expect(resumption.jobs.isEmpty)
        let resumed = try await resumption.run(store: store)
        #expect(resumed.status == .completed)
        #expect(resumed.report.results.map(\.id) == ["smoke-refund"])
        #expect(resumed.report.selection?.summary == "partial: 1 of 5 scenarios (--filter 'smoke-refund')")
    }
}
