import ArgumentParser
import Foundation
import TriageEval

/// `triage-eval init`: write a working starting point (rules, prompts, a starter suite, a CI workflow).
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write rules/, prompts/, a starter suite in scenarios/ and a CI workflow into a directory.")

    @Argument(help: "The project directory (default: the current directory).")
    var directory = "."

    @Flag(name: .long, help: "Overwrite files that already exist.")
    var force = false

    @Flag(name: .long, help: "Write only the files that do not exist yet: brings an older project the templates added since (such as prompts/contradiction.yaml) and leaves every existing file alone.")
    var missing = false

    func validate() throws {
        if force && missing { throw ValidationError("--force and --missing exclude each other: --force overwrites existing files, --missing keeps them") }
    }

    func run() throws {
        let written: [String]
        do {
            written = try ProjectTemplate.shipped().write(to: directory, existing: force ? .overwrite : missing ? .keep : .refuse)
        } catch let error as ProjectInitError {
            throw CommandFailure.invalidInput(error.description)
        }
        if missing && written.isEmpty {
            print("nothing to write: \(directory) already has every file of the template")
            return
        }
        print("wrote \(written.count) file\(written.count == 1 ? "" : "s") into \(directory):")
        for path in written { print("  " + path) }
        if !missing { print("next: cd \(directory) && triage-eval validate && triage-eval run") }
    }
}
