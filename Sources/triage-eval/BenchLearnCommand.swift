import ArgumentParser
import Foundation
import TriageEngine
import TriageEval

/// `triage-eval bench learn`: import speed of `learn import` (conversations per second) on a scaled-up export.
struct BenchLearnCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learn", abstract: "Print the import speed of learn import (conversations/s) on an export copied N times. Use a release build.")

    @Argument(help: "The production export to scale up.")
    var export = "Tests/Fixtures/production/export.jsonl"

    @Option(name: .long, help: "How many copies of the export to import (each conversation under new ids).")
    var copies = 20

    @Option(name: .long, help: "Scenario files or directories items are compared with (default: scenarios).")
    var suites: [String] = []

    @OptionGroup var files: FileOptions

    @Option(name: .long, help: "Scratch database (deleted first and after).")
    var scratchDB = NSTemporaryDirectory() + "triage-eval-bench-learn.sqlite"

    func validate() throws {
        guard copies > 0 else { throw ValidationError("--copies must be at least 1") }
    }

    func run() async throws {
        let workspace = try loadWorkspace(files, paths: suites.isEmpty ? ["scenarios"] : suites)
        let redactor: Redactor
        do { redactor = try RedactionLoader.load(directory: files.rules) } catch { throw CommandFailure.invalidInput("\(error)") }
        let read = ProductionExportReader(taxonomy: workspace.policy.taxonomy).read(paths: [export])
        guard read.errors.isEmpty else { throw CommandFailure.invalidInput(read.errors.map(\.description).joined(separator: "\n")) }
        let importer = LearningImporter(redactor: redactor, taxonomy: workspace.policy.taxonomy, scenarios: workspace.scenarios)
        let result = try await LearningBenchmark.run(conversations: read.conversations, copies: copies, importer: importer, path: scratchDB)
        print(result.text)
    }
}
