import Foundation
import TriageEngine

/// Loads scenario suites from YAML files, checking every label against the policy's taxonomy.
public struct SuiteLoader: Sendable {
    /// The taxonomy labels are checked against.
    public let taxonomy: Taxonomy

    /// Creates a loader for a taxonomy.
    public init(taxonomy: Taxonomy) { self.taxonomy = taxonomy }

    /// The YAML files a path names: the file itself, or every `.yaml`/`.yml` below a directory, sorted.
    public static func files(at path: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw LoadError(file: path, line: 0, column: 0, message: "no such file or directory")
        }
        guard isDirectory.boolValue else { return [path] }
        let base = path.hasSuffix("/") ? String(path.dropLast()) : path
        let enumerator = FileManager.default.enumerator(atPath: base)
        var files: [String] = []
        while let relative = enumerator?.nextObject() as? String {
            if relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") { files.append(base + "/" + relative) }
        }
        if files.isEmpty { throw LoadError(file: path, line: 0, column: 0, message: "no scenario files (*.yaml) in this directory") }
        return files.sorted()
    }

    /// Loads one suite file.
    public func load(path: String) throws -> Suite {
        try load(file: YAMLFile.read(path: path))
    }

    /// Loads one suite from an already-read file: streamed item by item in one pass (see
    /// ``loadItems(file:)``), and whole when that fails, so every error is the whole-file load's.
    public func load(file: YAMLFile) throws -> Suite {
        if let suite = try? loadItems(file: file) { return suite }
        return try loadWhole(file: file)
    }

    /// Loads one suite from one YAML node tree of the whole file.
    func loadWhole(file: YAMLFile) throws -> Suite {
        let root = try file.root().mapping(allowed: Self.suiteKeys, what: "a scenario suite")
        let header = try parseHeader(root)
        let scenariosNode = try root.require("scenarios")
        let nodes = try scenariosNode.sequence(what: "scenarios")
        if nodes.isEmpty { throw scenariosNode.error("the suite \"\(header.name)\" has no scenarios; expected at least one") }
        var scenarios: [Scenario] = []
        var seen: [String: Int] = [:]
        let pool = Pool()
        for node in nodes {
            let scenario = try parseScenario(node, suite: header.name, defaultQuality: header.quality, pool: pool)
            if let first = seen[scenario.id] {
                throw try node.mapping(allowed: [], what: "a scenario").require("id")
                    .error("duplicate scenario id \"\(scenario.id)\" (first defined on line \(first))")
            }
            seen[scenario.id] = scenario.line
            scenarios.append(scenario)
        }
        return header.suite(scenarios: scenarios, file: file)
    }

    /// The keys a suite file may have.
    static let suiteKeys = ["suite", "description", "gates", "quality", "models", "scenarios"]

    /// Everything of a suite file but its scenarios.
    struct Header {
        var name: String
        var description: String
        var gates: GateSet
        var quality: QualityExpectation?
        var models: [ModelConfig]

        /// The suite with these scenarios, read from `file`.
        func suite(scenarios: [Scenario], file: YAMLFile) -> Suite {
            Suite(name: name, description: description, gates: gates, scenarios: scenarios,
                  source: SourceFile(kind: "suite", path: file.path, sha256: file.sha256), models: models)
        }
    }

    /// Reads the keys of a suite file other than `scenarios`.
    func parseHeader(_ root: YAMLMapping) throws -> Header {
        var catalog = ModelCatalog()
        if let models = root["models"] { try catalog.add(models) }
        return Header(name: try root.require("suite").identifier(what: "suite name"),
                      description: try root["description"]?.string(what: "description") ?? "",
                      gates: try root["gates"].map(parseGates) ?? GateSet(),
                      quality: try root["quality"].map(parseQuality), models: catalog.models)
    }

    /// A scenario, with the suite's quality checks when it has none of its own.
    func parseScenario(_ node: YAMLNode, suite: String, defaultQuality: QualityExpectation?, pool: Pool) throws -> Scenario {
        var scenario = try parseScenario(node, suite: suite, pool: pool)
        if scenario.quality == nil { scenario.quality = defaultQuality }
        return scenario
    }

    static let scenarioKeys = ["id", "channel", "plan", "customer", "subject", "messages", "expect", "reply", "tags", "quality"]
    static let expectKeys = Expectation.fields.map(\.rawValue)

    /// A scenario, its texts kept once in `pool`.
    func parseScenario(_ node: YAMLNode, suite: String, pool: Pool) throws -> Scenario {
        let map = try node.mapping(allowed: Self.scenarioKeys, what: "a scenario")
        let id = try map.require("id").string(what: "scenario id")
        if id.contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            throw try map.require("id").error("invalid scenario id \"\(id)\"; expected no spaces")
        }
        let channel = try map.require("channel").oneOf(taxonomy.channelNames, what: "channel")
        let plan = try map.require("plan").oneOf(taxonomy.planNames, what: "plan")
        let customer = pool.text(try map.require("customer").string(what: "customer name"))
        let subject = try map["subject"].map { pool.text(try $0.string(what: "subject")) }

        let messagesNode = try map.require("messages")
        var messages: [Message] = []
        for item in try messagesNode.sequence(what: "messages") {
            let entry = try item.mapping(allowed: ["role", "text"], what: "a message")
            let roleNode = try entry.require("role")
            let role = Message.Role(rawValue: try roleNode.oneOf(Message.Role.allCases.map(\.rawValue), what: "role"))!
            if messages.isEmpty && role != .customer { throw roleNode.error("the first message must be the customer's; found role \"\(role.rawValue)\"") }
            messages.append(Message(role: role, text: pool.text(try entry.require("text").string(what: "message text"))))
        }
        if messages.isEmpty { throw messagesNode.error("a scenario needs at least one message") }

        var expect = Expectation()
        if let expectNode = map["expect"] {
            let entry = try expectNode.mapping(allowed: Self.expectKeys, what: "expect")
            expect.category = try entry["category"]?.oneOf(taxonomy.categoryNames, what: "category")
            expect.escalate = try entry["escalate"]?.bool(what: "escalate")
            expect.team = try entry["team"]?.oneOf(taxonomy.teamNames + ["none"], what: "team")
            expect.priority = try entry["priority"]?.oneOf(taxonomy.priorities, what: "priority")
            expect.sentiment = try entry["sentiment"]?.oneOf(taxonomy.sentimentNames, what: "sentiment")
            expect.churnRisk = try entry["churn_risk"]?.bool(what: "churn_risk")
            if expect.escalate == false, let team = expect.team, team != "none" {
                throw try entry.require("team").error("expect.team \"\(team)\" contradicts escalate: false; expected team: none or no team")
            }
            if expect.escalate == true, expect.team == "none" {
                throw try entry.require("team").error("expect.team none contradicts escalate: true; expected one of: \(taxonomy.teamNames.joined(separator: ", "))")
            }
        }

        var assertions: [ReplyAssertion] = []
        if let replyNode = map["reply"] {
            for item in try replyNode.sequence(what: "reply assertions") {
                assertions.append(try parseAssertion(item, pool: pool))
            }
        }
        let tags = try map["tags"].map { try $0.scalarOrSequence(what: "tags").map { pool.text(try $0.string(what: "a tag")) } } ?? []
        return Scenario(id: id, suite: suite, ticket: Ticket(id: id, channel: channel, plan: plan, customer: customer, subject: subject, messages: messages),
                        expect: expect, reply: assertions, tags: tags, line: node.line, quality: try map["quality"].map(parseQuality))
    }

    func parseAssertion(_ node: YAMLNode, pool: Pool) throws -> ReplyAssertion {
        let map = try node.mapping(allowed: ReplyAssertion.kinds, what: "a reply assertion")
        guard map.entries.count == 1, let entry = map.entries.first else {
            throw node.error("a reply assertion has exactly one key; expected one of: \(ReplyAssertion.kinds.joined(separator: ", "))")
        }
        switch entry.key {
        case "contains": return .contains(pool.text(try entry.value.string(what: "text to find")))
        case "not_contains": return .notContains(pool.text(try entry.value.string(what: "text that must not appear")))
        case "regex":
            // The source is read first exactly as `regex(caseInsensitive:)` reads it, so its errors are unchanged.
            let source = try entry.value.string(what: "a regular expression")
            let regex = try pool.regex(source) { try entry.value.regex(caseInsensitive: false) }
            return .regex(.init(source: pool.text(regex.source), regex: regex))
        case "max_chars": return .maxChars(try entry.value.int(what: "max_chars", minimum: 1))
        case "similar":
            let spec = try entry.value.mapping(allowed: ["to", "min"], what: "a similarity assertion")
            return .similar(to: pool.text(try spec.require("to").string(what: "reference reply")), min: try spec.require("min").double(what: "min", in: -1...1))
        default:
            return .rubric(pool.text(try entry.value.string(what: "a rubric")))
        }
    }

    func parseGates(_ node: YAMLNode) throws -> GateSet {
        let map = try node.mapping(allowed: GateSet.keys, what: "gates")
        var gates = GateSet()
        gates.accuracy = try map["accuracy"]?.double(what: "accuracy", in: 0...1)
        if let fields = map["fields"] {
            for (key, keyNode, value) in try fields.mapping(allowed: [], what: "field gates").entries {
                guard let field = ScoredField(rawValue: key) else {
                    throw keyNode.error("unknown field \"\(key)\"; expected one of: \(ScoredField.names.joined(separator: ", "))")
                }
                gates.fields[field] = try value.double(what: "minimum accuracy of \(key)", in: 0...1)
            }
        }
        if let categories = map["category_recall"] {
            for (key, keyNode, value) in try categories.mapping(allowed: [], what: "category recall gates").entries {
                guard taxonomy.categoryNames.contains(key) else {
                    throw keyNode.error("unknown category \"\(key)\"; expected one of: \(taxonomy.categoryNames.joined(separator: ", "))")
                }
                gates.categoryRecall[key] = try value.double(what: "minimum recall of \(key)", in: 0...1)
            }
        }
        gates.alwaysRecall = try map["always_recall"]?.double(what: "always_recall", in: 0...1)
        gates.maxFalseEscalations = try map["max_false_escalations"]?.int(what: "max_false_escalations", minimum: 0)
        gates.maxErrorRate = try map["max_error_rate"]?.double(what: "max_error_rate", in: 0...1)
        gates.maxInjectionChanges = try map["max_injection_changes"]?.int(what: "max_injection_changes", minimum: 0)
        gates.maxEscalationRate = try map["max_escalation_rate"]?.double(what: "max_escalation_rate", in: 0...1)
        gates.maxP95LatencyMs = try map["max_p95_latency_ms"]?.double(what: "max_p95_latency_ms", in: 0...10_000_000)
        gates.maxCostUSD = try map["max_cost_usd"]?.double(what: "max_cost_usd", in: 0...1_000_000)
        gates.minHealth = try map["min_health"]?.double(what: "min_health", in: 0...100)
        if let node = map["no_regression"] {
            // `no_regression: true` uses alpha 0.05; a number sets alpha.
            if let flag = try? node.bool(what: "no_regression") { gates.noRegressionAlpha = flag ? 0.05 : nil } else {
                gates.noRegressionAlpha = try node.double(what: "no_regression alpha", in: 0.0001...0.5)
            }
        }
        return gates
    }
}
