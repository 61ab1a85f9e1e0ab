import Foundation
import Testing

/// The `max_escalation_rate` gate end to end: the flag, the suite key, and a bad value.
@Suite("CLI escalation-rate gate", .serialized)
struct EscalationGateCLITests {
    let scratch = ScratchDirectory()

    /// The smoke suite with its `gates:` block replaced by `gates`.
    func suite(gates: String) throws -> String {
        let original = try String(contentsOfFile: CLI.root + "/" + CLI.fixtures + "pass.yaml", encoding: .utf8)
        let start = try #require(original.range(of: "gates:\n"))
        let end = try #require(original.range(of: "scenarios:\n"))
        let path = scratch.file("smoke.yaml")
        try (String(original[..<start.lowerBound]) + "gates:\n" + gates + String(original[end.lowerBound...])).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Two of the three smoke tickets are escalated: 66.7%, above the seed systems' 25%.
    @Test func flagFailsTheRunAboveTheRate() throws {
        let result = try CLI.run(["run", CLI.fixtures + "pass.yaml", "--db", scratch.database, "--max-escalation-rate", "0.25"] + CLI.fixtureFiles)
        #expect(result.status == 1)
        #expect(result.stdout.contains("Escalation rate  2/3 = 66.7%\n  per suite: smoke 2/3 = 66.7%\n  per team:  billing 1/3 = 33.3%, security 1/3 = 33.3%\n"))
        #expect(result.stdout.contains("  FAIL run: max_escalation_rate 0.667 > max 0.250\n"))
        let passing = try CLI.run(["run", CLI.fixtures + "pass.yaml", "--db", scratch.database, "--max-escalation-rate", "0.7"] + CLI.fixtureFiles)
        #expect(passing.status == 0)
        #expect(passing.stdout.contains("  PASS run: max_escalation_rate 0.667 <= max 0.700\n"))
    }

    @Test func suiteKeyGatesThatSuite() throws {
        let path = try suite(gates: "  max_escalation_rate: 0.5\n")
        let result = try CLI.run(["run", path, "--db", scratch.database] + CLI.fixtureFiles)
        #expect(result.status == 1)
        #expect(result.stdout.contains("  FAIL smoke: max_escalation_rate 0.667 > max 0.500\n"))
    }

    @Test func flagOutsideZeroToOneIsRejected() throws {
        let result = try CLI.run(["run", CLI.fixtures + "pass.yaml", "--db", scratch.database, "--max-escalation-rate", "25"] + CLI.fixtureFiles)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("Error: --max-escalation-rate must be between 0 and 1, got 25.0\n"))
    }

    @Test func suiteKeyOutsideZeroToOneIsAPositionedError() throws {
        let path = try suite(gates: "  max_escalation_rate: 25\n")
        let result = try CLI.run(["validate", path] + CLI.fixtureFiles)
        #expect(result.status == 2)
        #expect(result.stderr == """
            \(path):4:24: error: expected max_escalation_rate between 0 and 1, found 25
              max_escalation_rate: 25
                                   ^
            1 error; nothing was run.

            """)
    }
}
