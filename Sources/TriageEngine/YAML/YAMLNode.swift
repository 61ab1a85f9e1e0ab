import Foundation
import Yams

/// A node of a ``YAMLFile`` with typed accessors that throw positioned errors.
///
/// Loaders walk files through this type so that every complaint names the file, line and column, quotes the
/// line with a caret, and says what was expected.
public struct YAMLNode: @unchecked Sendable {
    /// The Yams node.
    public let node: Node
    /// The file it came from.
    public let file: YAMLFile

    /// 1-based line of the node.
    public var line: Int { node.mark.map { $0.line + file.lineOffset } ?? 0 }
    /// 1-based column of the node.
    public var column: Int { node.mark?.column ?? 0 }

    /// An error positioned at this node.
    public func error(_ message: String) -> LoadError { file.error(at: node.mark, message) }

    /// A short description of the node's kind, for "expected X, found Y" messages.
    var kindDescription: String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case let .scalar(scalar):
            if scalar.string.isEmpty || scalar.string == "~" || scalar.string == "null" { return "nothing" }
            return "\"\(scalar.string)\""
        }
    }

    /// This node as a mapping whose keys must all be in `allowed` (unknown keys are errors, so typos don't pass).
    public func mapping(allowed: [String], what: String) throws -> YAMLMapping {
        guard case let .mapping(mapping) = node else {
            throw error("expected \(what) (a mapping), found \(kindDescription)")
        }
        var entries: [(key: String, keyNode: YAMLNode, value: YAMLNode)] = []
        for (keyNode, valueNode) in mapping {
            let key = YAMLNode(node: keyNode, file: file)
            guard case let .scalar(scalar) = keyNode else { throw key.error("expected a plain key, found \(key.kindDescription)") }
            if !allowed.isEmpty && !allowed.contains(scalar.string) {
                throw key.error("unknown key \"\(scalar.string)\" in \(what); expected one of: \(allowed.joined(separator: ", "))")
            }
            entries.append((scalar.string, key, YAMLNode(node: valueNode, file: file)))
        }
        return YAMLMapping(node: self, entries: entries, what: what)
    }

    /// This node as a list.
    public func sequence(what: String) throws -> [YAMLNode] {
        guard case let .sequence(sequence) = node else {
            throw error("expected \(what) (a list), found \(kindDescription)")
        }
        return sequence.map { YAMLNode(node: $0, file: file) }
    }

    /// This node as a list, or a single scalar taken as a one-element list.
    public func scalarOrSequence(what: String) throws -> [YAMLNode] {
        if case .sequence = node { return try sequence(what: what) }
        return [self]
    }

    /// This node as a non-empty string: nothing, `""` and whitespace alone are errors (an empty id, text,
    /// customer or rubric would pass every check and test nothing).
    public func string(what: String) throws -> String {
        guard case let .scalar(scalar) = node else { throw error("expected \(what) (text), found \(kindDescription)") }
        if scalar.style == .plain && (scalar.string.isEmpty || scalar.string == "~" || scalar.string == "null") {
            throw error("expected \(what) (text), found nothing")
        }
        if scalar.string.isEmpty { throw error("expected \(what) (text), found an empty text \"\"") }
        if scalar.string.unicodeScalars.allSatisfy(\.properties.isWhitespace) {
            throw error("expected \(what) (text), found only whitespace")
        }
        return scalar.string
    }

    /// This node as a string that must be one of `allowed`.
    public func oneOf(_ allowed: [String], what: String) throws -> String {
        let value = try string(what: what)
        guard allowed.contains(value) else {
            throw error("unknown \(what) \"\(value)\"; expected one of: \(allowed.joined(separator: ", "))")
        }
        return value
    }

    /// This node as an identifier: lowercase letters, digits, `_` or `-`, starting with a letter, not in `taken`.
    public func identifier(what: String, taken: [String] = []) throws -> String {
        let value = try string(what: what)
        let allowed = value.unicodeScalars.allSatisfy { CharacterSet.lowercaseLetters.contains($0) || CharacterSet.decimalDigits.contains($0) || $0 == "_" || $0 == "-" }
        guard allowed, value.unicodeScalars.first.map({ CharacterSet.lowercaseLetters.contains($0) }) == true else {
            throw error("invalid \(what) \"\(value)\"; expected lowercase letters, digits, \"_\" or \"-\", starting with a letter")
        }
        if taken.contains(value) { throw error("duplicate \(what) \"\(value)\"") }
        return value
    }

    /// This node as a boolean (`true`/`false`).
    public func bool(what: String) throws -> Bool {
        guard case let .scalar(scalar) = node else { throw error("expected \(what) (true or false), found \(kindDescription)") }
        switch scalar.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error("expected \(what) (true or false), found \"\(scalar.string)\"")
        }
    }

    /// This node as a number.
    public func double(what: String) throws -> Double {
        guard case let .scalar(scalar) = node, let value = Double(scalar.string.replacingOccurrences(of: "_", with: "")),
              value.isFinite else {
            throw error("expected \(what) (a number), found \(kindDescription)")
        }
        return value
    }

    /// This node as a number within a closed range.
    public func double(what: String, in range: ClosedRange<Double>) throws -> Double {
        let value = try double(what: what)
        guard range.contains(value) else {
            throw error("expected \(what) between \(Self.format(range.lowerBound)) and \(Self.format(range.upperBound)), found \(Self.format(value))")
        }
        return value
    }

    /// This node as a whole number, at least `minimum`.
    public func int(what: String, minimum: Int = Int.min) throws -> Int {
        guard case let .scalar(scalar) = node, let value = Int(scalar.string.replacingOccurrences(of: "_", with: "")) else {
            throw error("expected \(what) (a whole number), found \(kindDescription)")
        }
        guard value >= minimum else { throw error("expected \(what) of at least \(minimum), found \(value)") }
        return value
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}

/// A mapping node with its keys checked, giving typed access to its values.
public struct YAMLMapping: @unchecked Sendable {
    /// The mapping node itself.
    public let node: YAMLNode
    /// The entries in file order.
    public let entries: [(key: String, keyNode: YAMLNode, value: YAMLNode)]
    /// What the mapping is, for messages ("a scenario").
    public let what: String

    /// The value for a key, if present.
    public subscript(key: String) -> YAMLNode? {
        entries.first { $0.key == key }?.value
    }

    /// The value for a key that must be present.
    public func require(_ key: String) throws -> YAMLNode {
        guard let value = self[key] else { throw node.error("missing key \"\(key)\" in \(what)") }
        return value
    }

    /// Whether the key is present.
    public func has(_ key: String) -> Bool { self[key] != nil }
}
