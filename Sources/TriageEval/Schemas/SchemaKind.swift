import Foundation

/// A kind of file the tool reads, with its JSON Schema in `schemas/` (editors use them through the
/// `# yaml-language-server: $schema=…` first line of every shipped file; `triage-eval schema KIND` prints one).
public enum SchemaKind: String, CaseIterable, Sendable {
    /// A scenario suite (`scenarios/*.yaml`).
    case suite
    /// `rules/taxonomy.yaml`.
    case taxonomy
    /// `rules/escalation.yaml`.
    case escalation
    /// `rules/lexicon.yaml`.
    case lexicon
    /// `rules/redaction.yaml`.
    case redaction
    /// A model prompt (`prompts/classify.yaml`, `reclassify.yaml`, `reply.yaml`, `judge.yaml`, `contradiction.yaml`).
    case prompt
    /// The offline drafter's reply templates (`prompts/replies.yaml`).
    case replies
    /// A models file (`prompts/models.yaml`, `--models FILE`).
    case models
    /// One line of a production export (JSON Lines), as `learn import` and `quality` read it.
    case productionExport = "production-export"

    /// The schema's file name in `schemas/`.
    public var fileName: String { rawValue + ".schema.json" }

    /// The files of a project this kind describes, for help texts.
    public var files: String {
        switch self {
        case .suite: return "scenarios/*.yaml"
        case .taxonomy, .escalation, .lexicon, .redaction: return "rules/\(rawValue).yaml"
        case .prompt: return "prompts/{classify,reclassify,reply,judge,contradiction}.yaml"
        case .replies: return "prompts/replies.yaml"
        case .models: return "prompts/models.yaml, --models FILE"
        case .productionExport: return "production exports (*.jsonl)"
        }
    }

    /// The schema's text as shipped with the tool (a copy of `schemas/`, kept equal by a test).
    public func schemaText() throws -> String {
        guard let templates = Bundle.module.url(forResource: "Templates", withExtension: nil) else { throw ProjectInitError.missingTemplates }
        let url = templates.appendingPathComponent("schemas").appendingPathComponent(fileName)
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// The first line that names this schema in a YAML file one folder below the project root.
    public var languageServerLine: String { "# yaml-language-server: $schema=../schemas/\(fileName)" }
}
