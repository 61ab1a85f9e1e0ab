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

    func run() throws {
        let written: [String]
        do {
            written = try ProjectTemplate.shipped().write(to: directory, force: force)
        } catch let error as ProjectInitError {
            throw CommandFailure.invalidInput(error.description)
        }
        print("wrote \(written.count) files into \(directory):")
        for path in written { print("  " + path) }
        print("next: cd \(directory) && triage-eval validate && triage-eval run")
    }
}
