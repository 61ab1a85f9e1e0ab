import Testing
import TriageEngine
@testable import TriageEval

@Suite("Job sequence")
struct JobSequenceTests {
    static let scenarios = (0..<40).map { index in
        Scenario(id: "ticket-\(index)", suite: index < 20 ? "core" : "smoke",
                 ticket: Ticket(id: "t\(index)", channel: "email", plan: "pro", customer: "C", messages: []),
                 expect: Expectation(), reply: [], tags: [], line: index + 1)
    }

    /// The jobs as a list built up front: each scenario in order, each `repeats` times, with its position.
    static func reference(repeats: Int, slice: ShardSlice?) -> [String] {
        var jobs: [String] = []
        for (ordinal, scenario) in scenarios.enumerated() where slice?.contains(suite: scenario.suite, id: scenario.id) ?? true {
            for repeatIndex in 0..<repeats { jobs.append("\(ordinal) \(scenario.suite)/\(scenario.id) #\(repeatIndex)") }
        }
        return jobs
    }

    @Test(arguments: [1, 3], [nil, "1/1", "1/3", "2/3", "3/3"] as [String?])
    func makesTheJobsOfTheWholeRunInOrderOneAtATime(repeats: Int, shard: String?) throws {
        let slice = try shard.map { try ShardSlice(parsing: $0) }
        let sequence = JobSequence(Self.scenarios, repeats: repeats, slice: slice)
        let made = sequence.map { "\($0.ordinal) \($0.scenario.suite)/\($0.scenario.id) #\($0.repeatIndex)" }
        let expected = Self.reference(repeats: repeats, slice: slice)
        #expect(made == expected)
        #expect(sequence.count == expected.count)
    }

    /// The suites' own scenario lists, walked one after the other (an empty suite among them), make the
    /// jobs one flat list of their scenarios makes, without a copy of that list.
    @Test(arguments: [1, 2], [nil, "2/3"] as [String?])
    func walksTheSuitesInOrderAsOneList(repeats: Int, shard: String?) throws {
        let slice = try shard.map { try ShardSlice(parsing: $0) }
        let parts = [Array(Self.scenarios[..<20]), [], Array(Self.scenarios[20...])]
        let suites = parts.enumerated().map { index, scenarios in
            Suite(name: "s\(index)", description: "", gates: GateSet(), scenarios: scenarios,
                  source: SourceFile(kind: "suite", path: "s\(index).yaml", sha256: ""))
        }
        let sequence = JobSequence(suites: suites, repeats: repeats, slice: slice)
        let made = sequence.map { "\($0.ordinal) \($0.scenario.suite)/\($0.scenario.id) #\($0.repeatIndex)" }
        #expect(made == Self.reference(repeats: repeats, slice: slice))
        #expect(sequence.count == made.count)
        #expect(sequence.scenarioCount == 40)
    }

    @Test func anEmptyRunHasNoJobs() {
        #expect(Array(JobSequence([], repeats: 2)).isEmpty)
        #expect(JobSequence([], repeats: 2).count == 0)
    }
}
