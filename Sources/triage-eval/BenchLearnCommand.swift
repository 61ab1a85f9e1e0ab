import ArgumentParser
import Foundation
import TriageEngine
import TriageEval

/// `triage-eval bench learn`: what `learn import` does on an export with a manifest (items by kind, planted
/// near-duplicates and personal values) and its import speed (conversations per second) on the export scaled up.
struct BenchLearnCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learn",
        abstract: "Print learn import's evidence on an export (items by kind, planted duplicates and personal values, with a manifest) and its speed (conversations/s) on the export copied N times. Use a release build.")

    @Argument(help: "The production export to import and scale up.")
    var export = "Tests/Fixtures/production/export.jsonl"

    @Option(name: .long, help: "What was planted in the export (default: manifest.json beside it, when there is one).")
    var manifest: String?

    @Option(name: .long, help: "How many copies of the export to import (each conversation under new ids).")
    var copies = 20

    @Option(name: .long, help: "Scenario files or directories items are compared with (default: scenarios).")
    var suites: [String] = []

    @Option(name: .long, help: "The embedding similarity (0-1) at or above which an item is a duplicate.")
    var similarity = LearningImporter.defaultThreshold

    @OptionGroup var files: FileOptions

    @Option(name: .long, help: "Scratch database (deleted first and after).")
    var scratchDB = NSTemporaryDirectory() + "triage-eval-bench-learn.sqlite"

    func validate() throws {
        guard copies > 0 else { throw ValidationError("--copies must be at least 1") }
        guard (0...1).contains(similarity) else { throw ValidationError("--similarity must be between 0 and 1, found \(similarity)") }
    }

    func run() async throws {
        let workspace = try loadWorkspace(files, paths: suites.isEmpty ? ["scenarios"] : suites)
        let redactor = try loadRedactor(files)
        let read = ProductionExportReader(taxonomy: workspace.policy.taxonomy, redactor: redactor).read(paths: [export])
        guard read.errors.isEmpty else { throw CommandFailure.invalidInput(read.errors.map(\.description).joined(separator: "\n")) }
        let importer = LearningImporter(redactor: redactor, taxonomy: workspace.policy.taxonomy, threshold: similarity, scenarios: workspace.scenarios)
        let beside = ((export as NSString).deletingLastPathComponent as NSString).appendingPathComponent("manifest.json")
        if let path = manifest ?? (FileManager.default.fileExists(atPath: beside) ? beside : nil) {
            let planted: LearningEvidence.Manifest
            do { planted = try LearningEvidence.Manifest.load(path: path) } catch {
                throw CommandFailure.invalidInput("\(path): not a manifest (expected duplicates and personal_values): \(error)")
            }
            let directory = NSTemporaryDirectory() + "triage-eval-bench-learn-\(getpid())"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let evidence = try await LearningEvidence.run(conversations: read.conversations, manifest: planted, importer: importer,
                                                          pipeline: TriagePipeline(policy: workspace.policy, replies: workspace.replies),
                                                          directory: directory)
            print(evidence.text)
        } else {
            print("no manifest.json beside \(export); --manifest FILE for duplicates and personal values")
        }
        let result = try await LearningBenchmark.run(conversations: read.conversations, copies: copies, importer: importer, path: scratchDB)
        print(result.text)
    }
}
