import Yams

extension YAMLTree {
    /// The tree of a node Yams composed (the load for files the one-pass builder refuses). Yams shares an
    /// alias's target by value, so each alias becomes a copy here; the limit check before composing bounds
    /// how many nodes that adds.
    convenience init(file: YAMLFile, composed node: Node) {
        var records: [Record] = []
        var strings: [String] = []
        var children: [Int32] = []
        func add(_ node: Node) -> Int32 {
            let line = Int32(truncatingIfNeeded: node.mark?.line ?? 0)
            let column = Int32(truncatingIfNeeded: node.mark?.column ?? 0)
            let kind: Kind
            var nested: [Int32] = []
            switch node {
            case let .scalar(scalar):
                strings.append(scalar.string)
                records.append(Record(kind: .scalar, style: ScalarStyle(scalar.style), line: line, column: column,
                                      first: Int32(strings.count - 1), count: 0))
                return Int32(records.count - 1)
            case .alias:
                // Yams' composer resolves aliases; an unresolved one reads as nothing.
                strings.append("")
                records.append(Record(kind: .scalar, style: .plain, line: line, column: column, first: Int32(strings.count - 1), count: 0))
                return Int32(records.count - 1)
            case let .mapping(mapping):
                kind = .mapping
                for (key, value) in mapping {
                    nested.append(add(key))
                    nested.append(add(value))
                }
            case let .sequence(sequence):
                kind = .sequence
                for element in sequence { nested.append(add(element)) }
            }
            let first = Int32(children.count)
            children.append(contentsOf: nested)
            records.append(Record(kind: kind, style: .any, line: line, column: column, first: first, count: Int32(nested.count)))
            return Int32(records.count - 1)
        }
        let root = add(node)
        self.init(file: file, records: records, strings: strings, children: children, root: root)
    }
}

extension YAMLTree.ScalarStyle {
    /// The style of a Yams scalar.
    init(_ style: Node.Scalar.Style) {
        switch style {
        case .any: self = .any
        case .plain: self = .plain
        case .singleQuoted: self = .singleQuoted
        case .doubleQuoted: self = .doubleQuoted
        case .literal: self = .literal
        case .folded: self = .folded
        }
    }
}
