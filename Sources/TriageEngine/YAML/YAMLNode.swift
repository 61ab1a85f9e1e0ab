import Foundation

/// A node of a ``YAMLFile`` with typed accessors that throw positioned errors.
///
/// Loaders walk files through this type so that every complaint names the file, line and column, quotes the
/// line with a caret, and says what was expected. A node is its ``YAMLTree`` and an index into it.
public struct YAMLNode: Sendable {
    /// The tree the node is in.
    let tree: YAMLTree
    /// The node's index in the tree.
    let index: Int32

    /// A node of a tree.
    init(tree: YAMLTree, index: Int32) {
        self.tree = tree
        self.index = index
    }

    /// The file it came from.
    public var file: YAMLFile { tree.file }

    /// Whether the node is a scalar, a mapping or a list.
    public var kind: YAMLTree.Kind { tree.records[Int(index)].kind }

    /// A scalar's text; nil for a mapping or a list.
    public var scalar: String? { kind == .scalar ? tree.string(index) : nil }

    /// How a scalar was written; ``YAMLTree/ScalarStyle/any`` for a mapping or a list.
    public var scalarStyle: YAMLTree.ScalarStyle { tree.records[Int(index)].style }

    /// 1-based line of the node.
    public var line: Int { Int(tree.records[Int(index)].line) }
    /// 1-based column of the node.
    public var column: Int { Int(tree.records[Int(index)].column) }

    /// An error positioned at this node.
    public func error(_ message: String) -> LoadError {
        LoadError(file: tree.file.path, line: line, column: column, message: message, source: tree.file.text)
    }

    /// A short description of the node's kind, for "expected X, found Y" messages.
    var kindDescription: String {
        switch kind {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar:
            let string = tree.string(index)
            if string.isEmpty || string == "~" || string == "null" { return "nothing" }
            return "\"\(string)\""
        }
    }

    /// This node as a mapping whose keys must all be in `allowed` (unknown keys are errors, so typos don't pass).
    public func mapping(allowed: [String], what: String) throws -> YAMLMapping {
        guard kind == .mapping else {
            throw error("expected \(what) (a mapping), found \(kindDescription)")
        }
        let children = tree.children(of: index)
        var entries: [(key: String, keyNode: YAMLNode, value: YAMLNode)] = []
        entries.reserveCapacity(children.count / 2)
        var position = children.startIndex
        while position < children.endIndex {
            let key = YAMLNode(tree: tree, index: children[position])
            guard let string = key.scalar else { throw key.error("expected a plain key, found \(key.kindDescription)") }
            if !allowed.isEmpty && !allowed.contains(string) {
                throw key.error("unknown key \"\(string)\" in \(what); expected one of: \(allowed.joined(separator: ", "))")
            }
            entries.append((string, key, YAMLNode(tree: tree, index: children[position + 1])))
            position += 2
        }
        return YAMLMapping(node: self, entries: entries, what: what)
    }

    /// This node as a list.
    public func sequence(what: String) throws -> [YAMLNode] {
        guard kind == .sequence else {
            throw error("expected \(what) (a list), found \(kindDescription)")
        }
        return tree.children(of: index).map { YAMLNode(tree: tree, index: $0) }
    }

    /// This node as a list, or a single scalar taken as a one-element list.
    public func scalarOrSequence(what: String) throws -> [YAMLNode] {
        if kind == .sequence { return try sequence(what: what) }
        return [self]
    }

    /// This node as a non-empty string: nothing, `""` and whitespace alone are errors (an empty id, text,
    /// customer or rubric would pass every check and test nothing).
    public func string(what: String) throws -> String {
        guard let string = scalar else { throw error("expected \(what) (text), found \(kindDescription)") }
        if scalarStyle == .plain && (string.isEmpty || string == "~" || string == "null") {
            throw error("expected \(what) (text), found nothing")
        }
        if string.isEmpty { throw error("expected \(what) (text), found an empty text \"\"") }
        // A visible ASCII first character settles it without Unicode property lookups (most texts).
        let first = string.utf8.first ?? 0
        if !(0x21...0x7E).contains(first), string.unicodeScalars.allSatisfy(\.properties.isWhitespace) {
            throw error("expected \(what) (text), found only whitespace")
        }
        return string
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
        guard let string = scalar else { throw error("expected \(what) (true or false), found \(kindDescription)") }
        switch string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error("expected \(what) (true or false), found \"\(string)\"")
        }
    }

    /// This node as a number.
    public func double(what: String) throws -> Double {
        guard let string = scalar, let value = Double(string.replacingOccurrences(of: "_", with: "")),
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
        guard let string = scalar, let value = Int(string.replacingOccurrences(of: "_", with: "")) else {
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
public struct YAMLMapping: Sendable {
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
