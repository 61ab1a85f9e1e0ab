import Foundation
import TriageEngine

/// Loads `redaction.yaml` from a rules directory into a ``Redactor``; every bad entry is a positioned ``LoadError``.
public enum RedactionLoader {
    /// The file name inside the rules directory.
    public static let fileName = "redaction.yaml"
    /// The key used when the environment variable named by `key_env` is unset (set it in production: with
    /// this public key a pseudonym can be matched against guessed names).
    public static let fallbackKey = "triage-eval-unkeyed"

    /// Loads `redaction.yaml` from a rules directory, taking the pseudonym key from `environment`.
    public static func load(directory: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Redactor {
        let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        return try load(try YAMLFile.read(path: base + "/" + fileName), environment: environment)
    }

    /// Loads an already-read file.
    public static func load(_ file: YAMLFile, environment: [String: String] = [:]) throws -> Redactor {
        let root = try file.root().mapping(allowed: ["patterns", "pseudonym"], what: "the redaction rules")
        var rules: [Redactor.Rule] = []
        let patternsNode = try root.require("patterns")
        for node in try patternsNode.sequence(what: "patterns") {
            let entry = try node.mapping(allowed: ["name", "pattern", "placeholder", "check", "ignore_case"], what: "a redaction pattern")
            let name = try entry.require("name").identifier(what: "pattern name", taken: rules.map(\.name))
            let patternNode = try entry.require("pattern")
            let source = try patternNode.string(what: "pattern")
            if let construct = unsupportedConstruct(in: source) {
                throw patternNode.error("pattern uses \(construct), which redaction patterns may not (keep them linear-time)")
            }
            let ignoreCase = try entry["ignore_case"]?.bool(what: "ignore_case") ?? false
            let pattern: RedactionPattern
            do { pattern = try RedactionPattern(source, caseInsensitive: ignoreCase) } catch { throw patternNode.error(error, pattern: source) }
            let placeholder = try entry.require("placeholder").string(what: "placeholder")
            let check = try entry["check"].map { RedactionCheck(rawValue: try $0.oneOf(RedactionCheck.allCases.map(\.rawValue), what: "check"))! }
            rules.append(.init(name: name, pattern: pattern, placeholder: placeholder, check: check))
        }
        if rules.isEmpty { throw patternsNode.error("expected at least one pattern") }
        let pseudonym = try root.require("pseudonym").mapping(allowed: ["prefix", "key_env"], what: "the pseudonym settings")
        let prefix = try pseudonym.require("prefix").string(what: "prefix")
        let keyVariable = try pseudonym.require("key_env").string(what: "key_env")
        let key = environment[keyVariable].flatMap { $0.isEmpty ? nil : $0 } ?? fallbackKey
        return Redactor(rules: rules, pseudonymizer: Pseudonymizer(prefix: prefix, key: key))
    }

    /// A backreference or lookaround in a pattern, described, or nil.
    static func unsupportedConstruct(in source: String) -> String? {
        for lookaround in ["(?=", "(?!", "(?<=", "(?<!"] where source.contains(lookaround) { return "a lookaround \"\(lookaround)\"" }
        let characters = Array(source)
        var index = 0
        while index < characters.count - 1 {
            if characters[index] == "\\" {
                if characters[index + 1].isNumber, characters[index + 1] != "0" { return "a backreference \"\\\(characters[index + 1])\"" }
                if characters[index + 1] == "k" { return "a backreference \"\\k\"" }
                index += 2
                continue
            }
            index += 1
        }
        return nil
    }
}
