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

    func run() throws {
        let workspace = try loadWorkspace(files, paths: paths.isEmpty ? ["scenarios"] : paths)
        let scenarios = workspace.scenarios.count
        let prompts = workspace.prompts.count + 1
        print("ok: \(workspace.policy.sources.count) rule files, \(prompts) prompt files, \(workspace.models.models.count) models, \(workspace.suites.count) suite\(workspace.suites.count == 1 ? "" : "s"), \(scenarios) scenario\(scenarios == 1 ? "" : "s")")
    }
}
