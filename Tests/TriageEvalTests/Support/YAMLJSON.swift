import Foundation
import Yams

/// Turns YAML into JSON the way a YAML 1.2 editor sees it (core schema: only true/false are booleans), parsed by
/// Yams like the loaders parse it, so the schema tests check the files the tool reads.
enum YAMLJSON {
    struct Unsupported: Error, CustomStringConvertible {
        var description: String
    }

    /// The JSON value of a YAML document's root.
    static func value(ofYAML text: String) throws -> Any {
        guard let node = try Yams.compose(yaml: text) else { return NSNull() }
        return try value(of: node)
    }

    static func value(of node: Node) throws -> Any {
        switch node {
        case let .scalar(scalar):
            return scalar.style == .plain ? resolve(scalar.string) : scalar.string
        case let .mapping(mapping):
            var object: [String: Any] = [:]
            for (key, value) in mapping {
                guard case let .scalar(keyScalar) = key else { throw Unsupported(description: "a non-scalar mapping key") }
                object[keyScalar.string] = try self.value(of: value)
            }
            return object
        case let .sequence(sequence):
            return try sequence.map { try value(of: $0) }
        case .alias:
            throw Unsupported(description: "an alias")
        }
    }

    /// The YAML 1.2 core schema's resolution of a plain scalar.
    static func resolve(_ text: String) -> Any {
        switch text {
        case "", "~", "null", "Null", "NULL": return NSNull()
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN":
            return text // JSON has no infinities: leave the text, which no number schema accepts
        default: break
        }
        if text.range(of: #"^[-+]?[0-9]+$"#, options: .regularExpression) != nil, let int = Int(text) { return int }
        if text.range(of: #"^0x[0-9a-fA-F]+$"#, options: .regularExpression) != nil, let int = Int(text.dropFirst(2), radix: 16) { return int }
        if text.range(of: #"^0o[0-7]+$"#, options: .regularExpression) != nil, let int = Int(text.dropFirst(2), radix: 8) { return int }
        if text.range(of: #"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$"#, options: .regularExpression) != nil,
           let double = Double(text) { return double }
        return text
    }
}
