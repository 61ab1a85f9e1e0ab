import Foundation
import Testing

/// Errors fail a run by default: with every model call refused the run exits 3 naming the default 5% error
/// budget; `--max-error-rate` changes the budget.
@Suite("Error budget CLI", .serialized)
struct ErrorBudgetCLITests {
    let fixtures = "Tests/Fixtures/cli/"

    /// A models file whose only model points at a port nothing listens on.
    func deadModel() throws -> (models: String, directory: URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("triage-eval-budget-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let models = directory.appendingPathComponent("models.yaml").path
        try """
            models:
              - {name: dead, provider: openai, base_url: "http://127.0.0.1:1/v1", model: nobody-home, timeout_seconds: 5}
            """.write(toFile: models, atomically: true, encoding: .utf8)
        return (models, directory)
    }

    @Test func everyCallRefusedExitsThreeByDefault() throws {
        let (models, directory) = try deadModel()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CLI.run(["run", fixtures + "pass.yaml", "--models", models, "--model", "dead", "--replies", "templates",
                                  "--db", directory.appendingPathComponent("runs.sqlite").path])
        #expect(result.status == 3)
        #expect(result.stderr.contains("triage-eval: error rate 1.000 (3 of 3 scenario runs errored) exceeds --max-error-rate 0.050 (the default)\n"),
                "\(result.stderr)")
        #expect(result.stdout.contains("errored 3"))
    }

    @Test func aLargerBudgetLetsTheGatesDecide() throws {
        let (models, directory) = try deadModel()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CLI.run(["run", fixtures + "pass.yaml", "--models", models, "--model", "dead", "--replies", "templates",
                                  "--max-error-rate", "1", "--db", directory.appendingPathComponent("runs.sqlite").path])
        // Every scenario errored, so the suite's accuracy gate fails: exit 1, and no error-budget line.
        #expect(result.status == 1)
        #expect(!result.stderr.contains("error rate"))
        #expect(result.stderr.contains("gate failed: "))
    }

    @Test func negativeInjectionGateIsInvalid() throws {
        let result = try CLI.run(["run", fixtures + "pass.yaml", "--max-injection-changes=-1", "--db", CLI.temporaryDatabase()])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--max-injection-changes must be at least 0"))
    }
}
