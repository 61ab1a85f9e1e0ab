import Foundation
import Testing
import TriageEngine
@testable import TriageEval

/// The JSON Schemas in `schemas/` against the loaders: every shipped and fixture file passes both, and a sample of
/// broken files is rejected by both, so schema and loader cannot drift apart unnoticed. Schemas are checked with
/// the reference Python `jsonschema` package (`scripts/validate_schemas.py`).
@Suite("Schemas")
struct SchemaTests {
    static let root = ProjectTemplateTests.root
    let validator = SchemaValidator(root: SchemaTests.root)

    /// The schema kind of a YAML file of a project by its place (nil for files the tool does not read).
    static func kind(of path: String) -> SchemaKind? {
        let name = (path as NSString).lastPathComponent
        let folder = ((path as NSString).deletingLastPathComponent as NSString).lastPathComponent
        switch folder {
        case "rules", "rules-regressed": return SchemaKind(rawValue: String(name.dropLast(".yaml".count)))
        case "prompts": return name == "models.yaml" ? .models : name == "replies.yaml" ? .replies : .prompt
        default: return .suite
        }
    }

    static func yamlFiles(under folder: String) -> [String] {
        let base = root + "/" + folder
        let names = (FileManager.default.enumerator(atPath: base)?.allObjects as? [String]) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.map { folder + "/" + $0 }.sorted()
    }

    /// Every YAML file shipped or used as a valid fixture (`cli/invalid.yaml` holds an unknown label on purpose).
    static var validFiles: [String] {
        ["rules", "prompts", "scenarios", "Sources/TriageEval/Init/Templates/rules", "Sources/TriageEval/Init/Templates/prompts",
         "Sources/TriageEval/Init/Templates/scenarios", "Tests/Fixtures/cli", "Tests/Fixtures/holdout", "Tests/Fixtures/realllm"]
            .flatMap(yamlFiles).filter { $0 != "Tests/Fixtures/cli/invalid.yaml" }
    }

    @Test func everyShippedAndFixtureFileValidates() throws {
        let files = Self.validFiles
        #expect(files.count >= 40)
        var items = try files.map { path in
            SchemaValidator.Item(name: path, schema: Self.kind(of: path)!.rawValue,
                                 instance: try YAMLJSON.value(ofYAML: String(contentsOfFile: Self.root + "/" + path, encoding: .utf8)))
        }
        let export = try String(contentsOfFile: Self.root + "/Tests/Fixtures/production/export.jsonl", encoding: .utf8)
        for (index, line) in export.split(separator: "\n").enumerated() {
            items.append(.init(name: "export.jsonl:\(index + 1)", schema: SchemaKind.productionExport.rawValue,
                               instance: try JSONSerialization.jsonObject(with: Data(line.utf8))))
        }
        let errors = try validator.errors(items)
        #expect(errors.count == items.count)
        for (name, messages) in errors.sorted(by: { $0.key < $1.key }) where !messages.isEmpty {
            Issue.record("\(name): \(messages.joined(separator: "; "))")
        }
    }

    @Test func everyShippedYAMLFileNamesItsSchemaOnItsFirstLine() throws {
        let shipped = ["rules", "prompts", "scenarios", "Sources/TriageEval/Init/Templates/rules", "Sources/TriageEval/Init/Templates/prompts",
                       "Sources/TriageEval/Init/Templates/scenarios"].flatMap(Self.yamlFiles)
        #expect(shipped.count == 28)
        for path in shipped {
            let text = try String(contentsOfFile: Self.root + "/" + path, encoding: .utf8)
            let first = text.split(separator: "\n", maxSplits: 1).first.map(String.init)
            #expect(first == Self.kind(of: path)!.languageServerLine, "\(path)")
        }
    }

    @Test func theBundledSchemasAreTheOnesInSchemas() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.root + "/schemas").filter { $0.hasSuffix(".schema.json") }.sorted()
        #expect(names == SchemaKind.allCases.map(\.fileName).sorted())
        for kind in SchemaKind.allCases {
            let shipped = try String(contentsOfFile: Self.root + "/schemas/" + kind.fileName, encoding: .utf8)
            #expect(try kind.schemaText() == shipped, "\(kind.fileName) differs from its copy in Sources/TriageEval/Init/Templates/schemas")
        }
    }

    // MARK: - Broken files: the loader and the schema both reject each

    /// A broken file: a kind, and either a whole text or a shipped file with one replacement.
    struct Broken: CustomTestStringConvertible, Sendable {
        var name: String
        var kind: SchemaKind
        var base: String?
        var replace: (String, String)?
        var text: String?
        var testDescription: String { name }
    }

    static let minimalSuite = """
        suite: broken
        scenarios:
          - id: one
            channel: email
            plan: pro
            customer: Lee
            messages:
              - {role: customer, text: "Where is my invoice?"}
            expect: {category: how_to}

        """

    static func suite(_ old: String, _ new: String) -> String { minimalSuite.replacingOccurrences(of: old, with: new) }

    static let prompt = """
        id: classify
        version: 1
        system: Classify the ticket.
        user: "{{conversation}}"

        """

    static let models = """
        models:
          - name: local
            provider: openai
            base_url: http://127.0.0.1:8088/v1
            model: smollm2

        """

    static let broken: [Broken] = [
        .init(name: "suite: unknown top-level key", kind: .suite, text: suite("suite: broken", "suite: broken\nowner: me")),
        .init(name: "suite: scenario without a channel", kind: .suite, text: suite("    channel: email\n", "")),
        .init(name: "suite: no messages", kind: .suite, text: suite("    messages:\n      - {role: customer, text: \"Where is my invoice?\"}", "    messages: []")),
        .init(name: "suite: the first message is the agent's", kind: .suite, text: suite("role: customer", "role: agent")),
        .init(name: "suite: unknown role", kind: .suite, text: suite("role: customer", "role: bot")),
        .init(name: "suite: escalate is not a boolean", kind: .suite, text: suite("{category: how_to}", "{escalate: maybe}")),
        .init(name: "suite: unknown expect field", kind: .suite, text: suite("{category: how_to}", "{mood: calm}")),
        .init(name: "suite: id with a space", kind: .suite, text: suite("id: one", "id: one two")),
        .init(name: "suite: two keys in one reply assertion", kind: .suite, text: suite("    expect: {category: how_to}", "    reply:\n      - {contains: a, not_contains: b}")),
        .init(name: "suite: max_chars 0", kind: .suite, text: suite("    expect: {category: how_to}", "    reply:\n      - {max_chars: 0}")),
        .init(name: "suite: similar without min", kind: .suite, text: suite("    expect: {category: how_to}", "    reply:\n      - similar: {to: hello}")),
        .init(name: "suite: accuracy gate above 1", kind: .suite, text: suite("suite: broken", "suite: broken\ngates: {accuracy: 1.5}")),
        .init(name: "suite: unknown gate", kind: .suite, text: suite("suite: broken", "suite: broken\ngates: {min_accuracy: 0.9}")),
        .init(name: "suite: unknown field gate", kind: .suite, text: suite("suite: broken", "suite: broken\ngates: {fields: {mood: 0.9}}")),
        .init(name: "suite: no scenarios", kind: .suite, text: "suite: broken\nscenarios: []\n"),
        .init(name: "suite: suite name with capitals", kind: .suite, text: suite("suite: broken", "suite: Broken")),
        .init(name: "taxonomy: no teams", kind: .taxonomy, base: "rules/taxonomy.yaml", replace: ("teams:", "staff:")),
        .init(name: "taxonomy: a team named none", kind: .taxonomy, base: "rules/taxonomy.yaml", replace: ("{name: legal,", "{name: none,")),
        .init(name: "taxonomy: unknown reply style", kind: .taxonomy, base: "rules/taxonomy.yaml", replace: ("style: plain", "style: fax")),
        .init(name: "taxonomy: min_score out of range", kind: .taxonomy, base: "rules/taxonomy.yaml", replace: ("min_score: 0.3", "min_score: 3")),
        .init(name: "taxonomy: max_message_chars too small", kind: .taxonomy, base: "rules/taxonomy.yaml", replace: ("max_message_chars: 1600", "max_message_chars: 100")),
        .init(name: "taxonomy: category name with capitals", kind: .taxonomy, base: "rules/taxonomy.yaml", replace: ("{name: general,", "{name: General,")),
        .init(name: "taxonomy: plan without hours", kind: .taxonomy, base: "rules/taxonomy.yaml", replace: ("{name: free, first_response_hours: 24}", "{name: free}")),
        .init(name: "escalation: unknown tier", kind: .escalation, base: "rules/escalation.yaml", replace: ("    tier: likely\n    team: engineering\n    description: Data loss", "    tier: sometimes\n    team: engineering\n    description: Data loss")),
        .init(name: "escalation: unknown rule key", kind: .escalation, base: "rules/escalation.yaml", replace: ("    description: Legal, GDPR", "    owner: me\n    description: Legal, GDPR")),
        .init(name: "escalation: an always rule with unless", kind: .escalation, base: "rules/escalation.yaml",
              replace: ("    when: {category: legal_privacy}", "    when: {category: legal_privacy}\n    unless: {churn_risk: true}")),
        .init(name: "escalation: a likely rule without a team", kind: .escalation, base: "rules/escalation.yaml", replace: ("    tier: likely\n    team: engineering\n", "    tier: likely\n")),
        .init(name: "escalation: unknown condition", kind: .escalation, base: "rules/escalation.yaml", replace: ("when: {category: legal_privacy}", "when: {topic: legal_privacy}")),
        .init(name: "escalation: an empty condition", kind: .escalation, base: "rules/escalation.yaml", replace: ("when: {category: legal_privacy}", "when: {}")),
        .init(name: "escalation: stage 3", kind: .escalation, base: "rules/escalation.yaml", replace: ("when: {category: legal_privacy}", "when: {stage: 3}")),
        .init(name: "escalation: confidence band above 1", kind: .escalation, base: "rules/escalation.yaml", replace: ("when: {category: legal_privacy}", "when: {confidence: {below: 1.5}}")),
        .init(name: "escalation: no precedence", kind: .escalation, base: "rules/escalation.yaml", replace: ("precedence:", "order:")),
        .init(name: "lexicon: unknown key", kind: .lexicon, base: "rules/lexicon.yaml", replace: ("negation_window: 3", "negation_window: 3\nstemming: true")),
        .init(name: "lexicon: negation_window 0", kind: .lexicon, base: "rules/lexicon.yaml", replace: ("negation_window: 3", "negation_window: 0")),
        .init(name: "lexicon: intensifier above 5", kind: .lexicon, base: "rules/lexicon.yaml", replace: ("{very: 1.4,", "{very: 9,")),
        .init(name: "lexicon: category weight above 10", kind: .lexicon, base: "rules/lexicon.yaml", replace: ("    hacked: 4\n", "    hacked: 40\n")),
        .init(name: "lexicon: a signal weight of 0", kind: .lexicon, base: "rules/lexicon.yaml", replace: ("    \"production is down\": 1\n", "    \"production is down\": 0\n")),
        .init(name: "lexicon: unknown tuning key", kind: .lexicon, base: "rules/lexicon.yaml", replace: ("  negated_praise: 0.5", "  negated_praise: 0.5\n  sarcasm: 0.2")),
        .init(name: "lexicon: no churn phrases", kind: .lexicon, base: "rules/lexicon.yaml", replace: ("\nchurn:", "\nchurning:")),
        .init(name: "prompt: no user template", kind: .prompt, text: prompt.replacingOccurrences(of: "user: \"{{conversation}}\"\n", with: "")),
        .init(name: "prompt: version 0", kind: .prompt, text: prompt.replacingOccurrences(of: "version: 1", with: "version: 0")),
        .init(name: "prompt: temperature above 2", kind: .prompt, text: prompt + "temperature: 3\n"),
        .init(name: "prompt: unknown key", kind: .prompt, text: prompt + "model: gpt-4o\n"),
        .init(name: "replies: no chat greeting", kind: .replies, base: "prompts/replies.yaml", replace: ("\n  chat:", "\n  sms:")),
        .init(name: "replies: unknown key", kind: .replies, base: "prompts/replies.yaml", replace: ("\nsignature:", "\nfooter: x\nsignature:")),
        .init(name: "replies: closing without a default", kind: .replies, base: "prompts/replies.yaml",
              replace: ("  default: \"If you need anything else, just reply to this message.\"\nredact:", "redact:")),
        .init(name: "models: unknown provider", kind: .models, text: models.replacingOccurrences(of: "provider: openai", with: "provider: azure")),
        .init(name: "models: no model id for openai", kind: .models, text: models.replacingOccurrences(of: "    model: smollm2\n", with: "")),
        .init(name: "models: a key instead of its variable", kind: .models, text: models + "    api_key_env: sk-live-abc\n"),
        .init(name: "models: timeout 0", kind: .models, text: models + "    timeout_seconds: 0\n"),
        .init(name: "models: an ftp base_url", kind: .models, text: models.replacingOccurrences(of: "http://127.0.0.1:8088/v1", with: "ftp://127.0.0.1/v1")),
        .init(name: "models: unknown key", kind: .models, text: models + "    region: eu\n"),
        .init(name: "models: http target with a path not starting at $", kind: .models,
              text: "models:\n  - name: staging\n    provider: http\n    url: https://staging.example.com/triage\n    response: {category: decision.category}\n"),
        .init(name: "models: http target without url", kind: .models, text: "models:\n  - {name: staging, provider: http}\n"),
        .init(name: "redaction: unknown check", kind: .redaction, base: "rules/redaction.yaml", replace: ("check: luhn", "check: crc")),
        .init(name: "redaction: pattern without placeholder", kind: .redaction, base: "rules/redaction.yaml", replace: ("    placeholder: \"[email]\"\n", "")),
        .init(name: "redaction: unknown pseudonym key", kind: .redaction, base: "rules/redaction.yaml", replace: ("  prefix: \"Customer-\"", "  prefix: \"Customer-\"\n  salt: x")),
        .init(name: "production export: no messages", kind: .productionExport, text: #"{"conversation_id": "c-1", "channel": "email"}"#),
        .init(name: "production export: unknown role", kind: .productionExport,
              text: #"{"conversation_id": "c-1", "channel": "email", "messages": [{"role": "bot", "text": "hi"}]}"#),
        .init(name: "production export: unknown field", kind: .productionExport,
              text: #"{"conversation_id": "c-1", "channel": "email", "messages": [{"role": "customer", "text": "hi"}], "mood": "calm"}"#),
        .init(name: "production export: rating out of range", kind: .productionExport,
              text: #"{"conversation_id": "c-1", "channel": "email", "messages": [{"role": "customer", "text": "hi"}], "feedback": {"type": "star_rating", "rating": 9}}"#),
    ]

    /// The broken file's text.
    static func text(of broken: Broken) throws -> String {
        if let text = broken.text { return text }
        let original = try String(contentsOfFile: root + "/" + broken.base!, encoding: .utf8)
        let (old, new) = broken.replace!
        #expect(original.components(separatedBy: old).count == 2, "\(broken.name): the replaced text must occur once in \(broken.base!)")
        return original.replacingOccurrences(of: old, with: new)
    }

    /// The error of the tool's own loader for the file, or nil when it loads.
    static func loaderError(_ broken: Broken, _ text: String) -> String? {
        let shipped = { (name: String) in try YAMLFile.read(path: root + "/rules/" + name) }
        let file = YAMLFile(path: broken.base ?? "broken.yaml", text: text)
        do {
            let taxonomy = try PolicyLoader.load(directory: root + "/rules").taxonomy
            switch broken.kind {
            case .suite: _ = try SuiteLoader(taxonomy: taxonomy).load(file: file)
            case .taxonomy: _ = try PolicyLoader.load(taxonomy: file, lexicon: shipped("lexicon.yaml"), escalation: shipped("escalation.yaml"))
            case .lexicon: _ = try PolicyLoader.load(taxonomy: shipped("taxonomy.yaml"), lexicon: file, escalation: shipped("escalation.yaml"))
            case .escalation: _ = try PolicyLoader.load(taxonomy: shipped("taxonomy.yaml"), lexicon: shipped("lexicon.yaml"), escalation: file)
            case .redaction: _ = try RedactionLoader.load(file)
            case .prompt: _ = try PromptTemplate.load(file: file)
            case .replies: _ = try ReplyTemplates.load(file: file, taxonomy: taxonomy)
            case .models: _ = try ModelCatalog.load(file: file)
            case .productionExport:
                let export = ProductionExportReader(taxonomy: taxonomy).read(text: text, file: "export.jsonl")
                return export.errors.first.map { "\($0)" }
            }
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test(arguments: SchemaTests.broken)
    func theLoaderAndTheSchemaBothReject(_ broken: Broken) throws {
        let text = try Self.text(of: broken)
        #expect(Self.loaderError(broken, text) != nil, "the loader accepts \(broken.name)")
        let instance = broken.kind == .productionExport ? try JSONSerialization.jsonObject(with: Data(text.utf8)) : try YAMLJSON.value(ofYAML: text)
        let errors = try validator.errors([.init(name: broken.name, schema: broken.kind.rawValue, instance: instance)])
        #expect(errors[broken.name]?.isEmpty == false, "the schema accepts \(broken.name)")
    }

    @Test func everyKindHasBrokenSamples() {
        for kind in SchemaKind.allCases {
            #expect(Self.broken.filter { $0.kind == kind }.count >= 3, "\(kind.rawValue)")
        }
    }
}
