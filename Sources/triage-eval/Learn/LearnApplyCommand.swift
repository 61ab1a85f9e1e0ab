import ArgumentParser
import TriageEngine
import TriageEval

/// `triage-eval learn apply --suite FILE`: append approved items to a suite as scenarios.
struct LearnApplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply", abstract: "Append approved items to a suite file as scenarios (validated before the file is replaced) and mark them applied.")

    @Option(name: .long, help: "The suite file to append to (created when missing).")
    var suite: String

    @OptionGroup var files: FileOptions
    @OptionGroup var store: StoreOptions

    func run() throws {
        let writer = LearnedSuiteWriter(taxonomy: try loadPolicy(files).taxonomy)
        let database = try openStore(store)
        let outcome: LearnedSuiteWriter.Outcome
        do {
            outcome = try learning { try writer.apply(store: database, path: suite) }
        } catch let error as LoadError {
            throw CommandFailure.invalidInput("the result would not load; \(suite) is unchanged:\n\(error)")
        }
        print("applied \(outcome.applied.count) item\(outcome.applied.count == 1 ? "" : "s") to \(suite) (suite \(outcome.suite.name), \(outcome.suite.scenarios.count) scenarios)")
    }
}
