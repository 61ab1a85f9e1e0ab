import Foundation
import Testing
@testable import TriageEngine
@testable import TriageEval

/// Runs the loaders on a few hundred hostile and malformed files generated at test time (``HostileCorpus``)
/// and counts the outcomes. Every failure must be a clean error naming file, line and column; none may come
/// without a position. (A crash would end the test process, and a hang would never finish: completing is the
/// evidence for both.)
@Suite("Hostile file corpus")
struct HostileCorpusTests {
    enum Outcome: String, CaseIterable { case positioned = "error with file:line:col", unpositioned = "error without position", success }

    static let lexicon = """
        negators: [not, never]
        categories:
          billing: {invoice: 2, "double charged": 3}
          security: {hacked: 3}
        churn: {cancel*: 2}
        sentiment: {angry: -0.8, thanks: 0.5}
        signals:
          legal_threat: [lawyer, "legal action"]
        injection_phrases: ["ignore previous instructions"]
        injection_normalization:
          confusables: {"о": o, "а": a}
          leetspeak: {"0": o, "1": i}

        """

    static let escalation = """
        rules:
          - id: breach
            tier: always
            team: security
            when: {category: security}
          - id: angry_billing
            tier: likely
            team: billing
            when: {all: [{category: billing}, {text_pattern: "refund"}]}
            unless: {text_matches: ["just asking"]}
        precedence: [breach, angry_billing]
        priority:
          - {id: urgent_breach, priority: urgent, when: {fired: breach}}

        """

    static let suite = """
        suite: hostile
        description: generated
        scenarios:
          - id: s1
            channel: email
            plan: pro
            customer: Lee
            subject: Invoice
            messages:
              - {role: customer, text: "I was double charged"}
            expect: {category: billing, escalate: true, team: billing}

        """

    static func bases() throws -> [HostileCorpus.Kind: String] {
        func shipped(_ path: String) throws -> String { try String(contentsOfFile: EvalFixtures.root + "/" + path, encoding: .utf8) }
        return [.taxonomy: try shipped("rules/taxonomy.yaml"), .lexicon: lexicon, .escalation: escalation,
                .replies: try shipped("prompts/replies.yaml"), .prompt: try shipped("prompts/classify.yaml"),
                .models: try shipped("prompts/models.yaml"), .suite: suite]
    }

    /// Loads one generated file with the loader of its kind.
    static func load(_ kind: HostileCorpus.Kind, path: String) throws {
        let policy = EvalFixtures.policy
        let file = try YAMLFile.read(path: path)
        switch kind {
        case .taxonomy: _ = try PolicyLoader.loadTaxonomy(file)
        case .lexicon: _ = try PolicyLoader.loadLexicon(file, taxonomy: policy.taxonomy)
        case .escalation:
            let lexicon = try PolicyLoader.loadLexicon(YAMLFile(path: "lexicon.yaml", text: Self.lexicon), taxonomy: policy.taxonomy)
            _ = try PolicyLoader.loadEscalation(file, taxonomy: policy.taxonomy, lexicon: lexicon)
        case .replies: _ = try ReplyTemplates.load(file: file, taxonomy: policy.taxonomy)
        case .prompt: _ = try PromptTemplate.load(file: file, variables: Workspace.promptVariables)
        case .models: _ = try ModelCatalog.load(file: file)
        case .suite: _ = try SuiteLoader(taxonomy: policy.taxonomy).load(file: file)
        }
    }

    static func outcome(of error: any Error, path: String) -> Outcome {
        let errors = (error as? LoadErrors)?.errors ?? [(error as? LoadError)].compactMap { $0 }
        guard !errors.isEmpty else { return .unpositioned }
        for error in errors {
            guard error.line > 0, error.column > 0, error.file == path,
                  "\(error)".hasPrefix("\(path):\(error.line):\(error.column): error: ") else { return .unpositioned }
        }
        return .positioned
    }

    @Test func everyFailureIsPositioned() throws {
        let directory = try EvalFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let cases = HostileCorpus.cases(bases: try Self.bases())
        var counts: [HostileCorpus.Kind: [Outcome: Int]] = [:]
        var unpositioned: [String] = []
        for (index, item) in cases.enumerated() {
            let path = directory.appendingPathComponent("\(index)-\(item.kind.rawValue).yaml").path
            try Data(item.bytes).write(to: URL(fileURLWithPath: path))
            let outcome: Outcome
            do {
                try Self.load(item.kind, path: path)
                outcome = .success
            } catch {
                outcome = Self.outcome(of: error, path: path)
                if outcome == .unpositioned { unpositioned.append("\(item): \(error)") }
            }
            counts[item.kind, default: [:]][outcome, default: 0] += 1
            try FileManager.default.removeItem(atPath: path)
        }
        // The counts the closing note quotes.
        var lines = ["hostile corpus: \(cases.count) generated files"]
        for kind in HostileCorpus.Kind.allCases {
            let row = counts[kind] ?? [:]
            lines.append("  \(kind.rawValue): " + Outcome.allCases.map { "\($0.rawValue) \(row[$0] ?? 0)" }.joined(separator: ", "))
        }
        let totals = Outcome.allCases.map { outcome in (outcome, counts.values.reduce(0) { $0 + ($1[outcome] ?? 0) }) }
        lines.append("  total: " + totals.map { "\($0.0.rawValue) \($0.1)" }.joined(separator: ", ") + ", crash 0, hang 0")
        print(lines.joined(separator: "\n"))

        #expect(cases.count >= 300)
        #expect(unpositioned.isEmpty, "\(unpositioned.joined(separator: "\n"))")
        // Every kind fails somewhere and loads somewhere: the generator reaches each loader's checks.
        for kind in HostileCorpus.Kind.allCases {
            #expect((counts[kind]?[.positioned] ?? 0) > 20, "\(kind)")
            #expect((counts[kind]?[.success] ?? 0) > 0, "\(kind)")
        }
    }

    @Test func eachBaseFileLoads() throws {
        let directory = try EvalFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for (kind, text) in try Self.bases() {
            let path = directory.appendingPathComponent("\(kind.rawValue).yaml").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            #expect(throws: Never.self, "\(kind)") { try Self.load(kind, path: path) }
        }
    }
}
