import Foundation
import Testing
import TriageEngine
@testable import TriageEval

/// Reading a stored result's scenario again from its run's suite files (the viewer's ticket).
@Suite("Scenario lookup")
struct ScenarioLookupTests {
    static let rules = SourceFile(kind: "rules", path: EvalFixtures.root + "/rules/taxonomy.yaml", sha256: "unchecked")

    @Test func findsTheScenarioInTheUnchangedFileOfItsSuite() throws {
        let path = EvalFixtures.root + "/Tests/Fixtures/cli/pass.yaml"
        let sources = [Self.rules, SourceFile(kind: "suite", path: path, sha256: try YAMLFile.read(path: path).sha256)]
        let suite = try SuiteLoader(taxonomy: EvalFixtures.policy.taxonomy).load(path: path)
        let scenario = try #require(suite.scenarios.last)
        #expect(ScenarioLookup.find(suite: suite.name, id: scenario.id, sources: sources) == .found(scenario, path: path))
        #expect(ScenarioLookup.find(suite: suite.name, id: "no-such-id", sources: sources) == .unavailable("no suite file of the run defines \(suite.name)/no-such-id"))
        #expect(ScenarioLookup.find(suite: "other", id: scenario.id, sources: sources) == .unavailable("no suite file of the run defines other/\(scenario.id)"))
    }

    /// A page must stay quick: a suite file over the limit is not parsed again, and the page says so.
    @Test func aHugeSuiteFileIsNotReadAgain() throws {
        let directory = try EvalFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("huge.yaml").path
        try Data(repeating: UInt8(ascii: "#"), count: ScenarioLookup.maxFileBytes + 1).write(to: URL(fileURLWithPath: path))
        let lookup = ScenarioLookup.find(suite: "huge", id: "x", sources: [Self.rules, SourceFile(kind: "suite", path: path, sha256: "whatever")])
        #expect(lookup == .unavailable("the suite file \(path) holds 8 MB; tickets are read again only from files up to 8 MB, so a page stays quick"))
    }
}
