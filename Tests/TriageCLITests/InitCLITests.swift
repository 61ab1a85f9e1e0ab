import Foundation
import Testing

/// `triage-eval init` end to end: the written project validates and runs offline at once, and nothing is overwritten unasked.
@Suite("CLI init", .serialized)
struct InitCLITests {
    let scratch = ScratchDirectory()

    @Test func writtenProjectValidatesAndRunsOffline() throws {
        let project = scratch.file("project")
        let initialized = try CLI.run(["init", project])
        #expect(initialized.status == 0)
        #expect(initialized.stderr == "")
        #expect(initialized.stdout.hasPrefix("wrote 22 files into \(project):\n  .github/workflows/triage-eval.yml\n"))
        #expect(initialized.stdout.contains("  scenarios/starter.yaml\n  schemas/escalation.schema.json\n"))

        let validate = try CLI.run(["validate"], in: project)
        #expect(validate.stderr == "")
        #expect(validate.status == 0)
        #expect(validate.stdout == "ok: 3 rule files, 6 prompt files, 1 models, 1 suite, 6 scenarios\n")

        // No model, no network: the built-in engine on the written rules.
        let run = try CLI.run(["run"], unsetting: ["OPENAI_API_KEY", "ANTHROPIC_API_KEY"], in: project)
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stdout.contains("Accuracy  6/6 = 100.0%"))
        #expect(FileManager.default.fileExists(atPath: project + "/reports/triage-eval.sqlite"))
    }

    @Test func refusesToOverwriteNamingTheFirstExistingFile() throws {
        let project = scratch.file("project")
        #expect(try CLI.run(["init", project]).status == 0)
        let mine = project + "/scenarios/starter.yaml"
        try Data("mine\n".utf8).write(to: URL(fileURLWithPath: mine))

        let again = try CLI.run(["init", project])
        #expect(again.status == 2)
        #expect(again.stdout == "")
        #expect(again.stderr == "triage-eval: \(project)/.github/workflows/triage-eval.yml already exists; nothing was written (use --force to overwrite, or --missing to write only the files that are missing)\n")
        #expect(try String(contentsOfFile: mine, encoding: .utf8) == "mine\n")

        let forced = try CLI.run(["init", project, "--force"])
        #expect(forced.status == 0)
        #expect(try String(contentsOfFile: mine, encoding: .utf8).hasPrefix("# yaml-language-server: $schema=../schemas/suite.schema.json\n# A starter suite"))
    }

    /// An older project gains the files added to the template since, and nothing it has is touched.
    @Test func missingWritesOnlyTheFilesAProjectLacks() throws {
        let project = scratch.file("project")
        #expect(try CLI.run(["init", project]).status == 0)
        let mine = project + "/scenarios/starter.yaml"
        try Data("mine\n".utf8).write(to: URL(fileURLWithPath: mine))
        try FileManager.default.removeItem(atPath: project + "/prompts/contradiction.yaml")

        let added = try CLI.run(["init", project, "--missing"])
        #expect(added.status == 0)
        #expect(added.stderr == "")
        #expect(added.stdout == "wrote 1 file into \(project):\n  prompts/contradiction.yaml\n")
        #expect(try String(contentsOfFile: mine, encoding: .utf8) == "mine\n")
        #expect(try String(contentsOfFile: project + "/prompts/contradiction.yaml", encoding: .utf8)
                == String(contentsOfFile: CLI.root + "/prompts/contradiction.yaml", encoding: .utf8))

        let again = try CLI.run(["init", project, "--missing"])
        #expect(again.status == 0)
        #expect(again.stdout == "nothing to write: \(project) already has every file of the template\n")

        let both = try CLI.run(["init", project, "--missing", "--force"])
        #expect(both.status == 2)
        #expect(both.stderr.hasPrefix("Error: --force and --missing exclude each other: --force overwrites existing files, --missing keeps them\n"))
    }
}
