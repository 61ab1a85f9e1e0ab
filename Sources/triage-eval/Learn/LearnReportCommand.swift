import ArgumentParser
import TriageEngine
import TriageEval

/// `triage-eval learn report`: the queue by source and status, and how the current engine does on applied items.
struct LearnReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Count items by source and status; re-check applied items with the current rules and prompts.")

    @Option(name: .long, help: "The model to re-check with, by name (default: the built-in offline engine).")
    var model: String?

    @Option(name: .long, help: "Output format: text, markdown or json.")
    var format: LearningFormat = .text

    @Option(name: .long, help: "Also write the report to this file.")
    var output: String?

    @OptionGroup var files: FileOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var log: LogOptions

    func run() async throws {
        let workspace = try loadWorkspace(files, paths: [])
        let database = try openStore(store)
        let engine: Engine
        do {
            engine = try Engine.make(workspace: workspace, options: EngineOptions(model: model), store: database, logger: log.makeLogger())
        } catch let error as LoadError {
            throw CommandFailure(files: LoadErrors([error]))
        } catch {
            throw CommandFailure.invalidInput("\(error)")
        }
        let report = try await LearningReport.build(store: database, pipeline: engine.pipeline, taxonomy: workspace.policy.taxonomy)
        try emitReport(try report.rendered(as: format), output: output)
    }
}

extension LearningFormat: ExpressibleByArgument {}
