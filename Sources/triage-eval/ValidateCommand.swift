import ArgumentParser
import Foundation
import TriageEval

/// `triage-eval validate`: check every rule, prompt and scenario file without running anything.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check every rule, prompt and scenario file; run nothing.")

    @Argument(help: "Scenario files or directories (default: scenarios).")
    var paths: [String] = []

    @OptionGroup var files: FileOptions
    @OptionGroup(title: "Selection (prints what `run` would run)") var select: SelectionOptions
    @OptionGroup var store: StoreOptions

    func run() throws {
        let workspace = try loadWorkspace(files, paths: paths.isEmpty ? ["scenarios"] : paths)
        let scenarios = workspace.scenarios.count
        let prompts = workspace.prompts.count + 1
        print("ok: \(workspace.policy.sources.count) rule files, \(prompts) prompt files, \(workspace.models.models.count) models, \(workspace.suites.count) suite\(workspace.suites.count == 1 ? "" : "s"), \(scenarios) scenario\(scenarios == 1 ? "" : "s")")
        let selection = select.selection
        guard !selection.isEmpty else { return }
        let applied: (suites: [Suite], selection: RunSelection)
        do {
            // Only --failed-from reads the store.
            applied = try selection.apply(to: workspace.suites, store: selection.failedFrom == nil ? nil : try openExistingStore(store))
        } catch let error as ScenarioSelectionError {
            throw CommandFailure.invalidInput(error.description)
        }
        print("selection: " + applied.selection.summary)
        for suite in applied.suites { print("  \(suite.name): " + suite.scenarios.map(\.id).joined(separator: ", ")) }
    }
}
