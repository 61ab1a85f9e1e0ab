import Foundation

/// The reply templates of the built-in engine, loaded from `prompts/replies.yaml`.
public struct ReplyTemplates: Sendable, Equatable {
    /// The prompt id from the file.
    public var id: String
    /// The file's version field.
    public var version: Int
    /// Greeting per reply style, with `{{first_name}}`.
    public var greeting: [ReplyStyle: Template]
    /// Greeting when the customer's name is unknown.
    public var greetingWithoutName: Template
    /// Signature for email and plain replies.
    public var signature: Template
    /// Opening sentence per sentiment label, with a `default`.
    public var acknowledgement: [String: Template]
    /// The hand-off paragraph for escalations, with `{{team}}` and `{{sla}}`.
    public var handoff: Template
    /// The self-service answer per category, with a `default`.
    public var selfService: [String: Template]
    /// Closing line per outcome (`escalated`, `self_service`).
    public var closing: [String: Template]
    /// Patterns removed from any reply (internal ids must never reach a customer).
    public var redactions: PatternSet
    /// Fixed values available to every template (e.g. `company`).
    public var constants: [String: String]
    /// The file it came from.
    public var source: SourceFile

    /// Variables every reply template may use.
    public static let variables = ["first_name", "customer", "team", "sla", "category", "plan", "channel", "subject"]

    /// Loads and checks `replies.yaml` against the policy's taxonomy.
    public static func load(path: String, taxonomy: Taxonomy) throws -> ReplyTemplates {
        try load(file: YAMLFile.read(path: path), taxonomy: taxonomy)
    }

    /// Loads from an already-read file.
    public static func load(file: YAMLFile, taxonomy: Taxonomy) throws -> ReplyTemplates {
        let root = try file.root().mapping(allowed: ["id", "version", "description", "constants", "greeting", "greeting_without_name", "signature",
                                                     "acknowledgement", "handoff", "self_service", "closing", "redact"], what: "reply templates")
        var constants: [String: String] = [:]
        if let node = root["constants"] {
            for (key, _, value) in try node.mapping(allowed: [], what: "constants").entries { constants[key] = try value.string(what: "constant") }
        }
        let known = variables + constants.keys.sorted()
        func template(_ node: YAMLNode) throws -> Template {
            let text = try node.string(what: "a template")
            let parsed: Template
            do { parsed = try Template(text) } catch { throw node.error(error.message) }
            if let unknown = parsed.variables.first(where: { !known.contains($0) }) {
                throw node.error("unknown variable \"{{\(unknown)}}\"; expected one of: \(known.joined(separator: ", "))")
            }
            return parsed
        }
        func keyed(_ node: YAMLNode, allowed: [String], what: String) throws -> [String: Template] {
            var result: [String: Template] = [:]
            for (key, _, value) in try node.mapping(allowed: allowed, what: what).entries { result[key] = try template(value) }
            if result["default"] == nil { throw node.error("\(what) needs a \"default\" entry") }
            return result
        }

        var greeting: [ReplyStyle: Template] = [:]
        for (key, _, value) in try root.require("greeting").mapping(allowed: ReplyStyle.allCases.map(\.rawValue), what: "greetings").entries {
            greeting[ReplyStyle(rawValue: key)!] = try template(value)
        }
        if let missing = ReplyStyle.allCases.first(where: { greeting[$0] == nil }) {
            throw try root.require("greeting").error("missing greeting for style \"\(missing.rawValue)\"")
        }
        let redactions = try PolicyLoader.patternSet(root["redact"], what: "redact patterns", caseInsensitive: false)
        return ReplyTemplates(
            id: try root.require("id").string(what: "id"),
            version: try root.require("version").int(what: "version", minimum: 1),
            greeting: greeting,
            greetingWithoutName: try template(root.require("greeting_without_name")),
            signature: try template(root.require("signature")),
            acknowledgement: try keyed(root.require("acknowledgement"), allowed: taxonomy.sentimentNames + ["default"], what: "acknowledgements"),
            handoff: try template(root.require("handoff")),
            selfService: try keyed(root.require("self_service"), allowed: taxonomy.categoryNames + ["default"], what: "self-service answers"),
            closing: try keyed(root.require("closing"), allowed: ["escalated", "self_service", "default"], what: "closings"),
            redactions: redactions,
            constants: constants,
            source: SourceFile(kind: "prompt", path: file.path, sha256: file.sha256)
        )
    }
}
