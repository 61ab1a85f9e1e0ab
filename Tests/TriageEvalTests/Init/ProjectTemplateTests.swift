import Foundation
import Testing
@testable import TriageEval

/// The starting point `init` writes: its rules and prompts never drift from the shipped ones.
@Suite("Project template")
struct ProjectTemplateTests {
    /// The repository root.
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    @Test func listsEveryFileWithTheWorkflowUnderDotGithub() throws {
        let paths = try ProjectTemplate.shipped().files.map(\.path)
        #expect(paths == [
            ".github/workflows/triage-eval.yml",
            "prompts/classify.yaml", "prompts/contradiction.yaml", "prompts/judge.yaml", "prompts/models.yaml", "prompts/reclassify.yaml",
            "prompts/replies.yaml", "prompts/reply.yaml",
            "rules/escalation.yaml", "rules/lexicon.yaml", "rules/redaction.yaml", "rules/taxonomy.yaml",
            "scenarios/starter.yaml",
            "schemas/escalation.schema.json", "schemas/lexicon.schema.json", "schemas/models.schema.json",
            "schemas/production-export.schema.json", "schemas/prompt.schema.json", "schemas/redaction.schema.json",
            "schemas/replies.schema.json", "schemas/suite.schema.json", "schemas/taxonomy.schema.json",
        ])
    }

    /// The template's rules and prompts are byte copies of the shipped `rules/` and `prompts/` (all but
    /// `models.yaml`, which starts with one local and one commented hosted model). Re-copy them when this fails:
    /// `cp rules/*.yaml Sources/TriageEval/Init/Templates/rules/` and likewise for the prompts.
    @Test func rulesAndPromptsAreTheShippedOnes() throws {
        let template = try ProjectTemplate.shipped()
        let copies = template.files.filter { ($0.path.hasPrefix("rules/") || $0.path.hasPrefix("prompts/")) && $0.path != "prompts/models.yaml" }
        #expect(copies.count == 10)
        for file in copies {
            let shipped = try Data(contentsOf: URL(fileURLWithPath: Self.root + "/" + file.path))
            #expect(file.contents == shipped, "\(file.path) differs from the shipped file")
        }
        let shippedRules = try FileManager.default.contentsOfDirectory(atPath: Self.root + "/rules").filter { $0.hasSuffix(".yaml") }
        #expect(Set(shippedRules.map { "rules/" + $0 }) == Set(copies.map(\.path).filter { $0.hasPrefix("rules/") }))
    }

    @Test func refusesToOverwriteBeforeWritingAnything() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("triage-eval-init-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory + "/scenarios", withIntermediateDirectories: true)
        try Data("mine\n".utf8).write(to: URL(fileURLWithPath: directory + "/scenarios/starter.yaml"))
        #expect(throws: ProjectInitError.fileExists(directory + "/scenarios/starter.yaml")) {
            try ProjectTemplate.shipped().write(to: directory)
        }
        #expect(!FileManager.default.fileExists(atPath: directory + "/rules"))
        #expect(ProjectInitError.fileExists("x/a.yaml").description == "x/a.yaml already exists; nothing was written (use --force to overwrite, or --missing to write only the files that are missing)")
        try ProjectTemplate.shipped().write(to: directory, existing: .overwrite)
        #expect(try String(contentsOfFile: directory + "/scenarios/starter.yaml", encoding: .utf8).hasPrefix("# yaml-language-server: $schema=../schemas/suite.schema.json\n# A starter suite"))
    }
}
