import ArgumentParser
import Foundation
import TriageEngine
import TriageEval

/// `triage-eval learn import FILE…`: queue negative feedback and corrections from production exports.
struct LearnImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Queue the negative feedback and corrections of production exports (JSON Lines), redacted.",
        discussion: "Bad lines are reported (exit 2) and the good ones still imported. Importing a file again adds nothing.")

    @Argument(help: "Production export files (JSON Lines, one conversation a line).")
    var files: [String]

    @Option(name: .long, help: "Scenario files or directories an item must not repeat (default: scenarios).")
    var suites: [String] = []

    @Option(name: .long, help: "The embedding similarity (0-1) at or above which an item is a duplicate.")
    var similarity = LearningImporter.defaultThreshold

    @Option(name: .long, help: "The embedding model, by name (default: offline hashed embedding).")
    var embeddingModel: String?

    @OptionGroup var fileOptions: FileOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var log: LogOptions

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("expected at least one export file") }
        guard (0...1).contains(similarity) else { throw ValidationError("--similarity must be between 0 and 1, found \(similarity)") }
    }

    func run() async throws {
        let workspace = try loadWorkspace(fileOptions, paths: suites.isEmpty ? ["scenarios"] : suites)
        let redactor = try loadRedactor(fileOptions)
        let database = try openStore(store)
        var embedder: any EmbeddingModel = HashedEmbeddingModel()
        if let embeddingModel {
            do {
                embedder = try Engine.make(workspace: workspace, options: EngineOptions(embedding: embeddingModel), store: database,
                                           logger: log.makeLogger()).assertions.embedder
            } catch let error as LoadError {
                throw CommandFailure(files: LoadErrors([error]))
            } catch {
                throw CommandFailure.invalidInput("\(error)")
            }
        }
        let importer = LearningImporter(redactor: redactor, taxonomy: workspace.policy.taxonomy, embedder: embedder,
                                        threshold: similarity, scenarios: workspace.scenarios)
        let outcome = try await importer.importFiles(files, into: database)
        print(Self.summary(outcome))
        guard outcome.errors.isEmpty else {
            let count = outcome.errors.count
            throw CommandFailure(message: outcome.errors.map(\.description).joined(separator: "\n")
                + "\n\(count) bad line\(count == 1 ? "" : "s") skipped; the good ones were imported.", status: .invalidInput)
        }
    }

    /// What an import prints.
    static func summary(_ outcome: LearningImporter.Outcome) -> String {
        var lines = ["\(outcome.conversations) conversation\(outcome.conversations == 1 ? "" : "s") read: \(outcome.created.count) new, "
            + "\(outcome.alreadyImported) already imported, \(outcome.nothingToLearn) with nothing to learn (no correction or negative feedback)"]
        for source in LearnItem.Source.allCases {
            let parts = LearnItem.Status.allCases.compactMap { status in
                let count = outcome.count(source, status)
                return count == 0 ? nil : "\(count) \(status.rawValue)"
            }
            if !parts.isEmpty { lines.append("  \(source.rawValue): " + parts.joined(separator: ", ")) }
        }
        return lines.joined(separator: "\n")
    }
}
