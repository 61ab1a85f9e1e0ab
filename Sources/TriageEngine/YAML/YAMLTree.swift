/// The nodes of one parsed YAML document (or of one streamed item of it), held in flat arrays.
///
/// Built straight from libyaml's events by ``YAMLTreeBuilder``: a node is a small record in one array, a
/// scalar's text one string, and a container's children a run of node indices, so a file of millions of
/// nodes is a handful of allocations, not one object per node. An alias is the index of the node its anchor
/// names (the node is shared, with the anchor's position, as Yams' composer shares it). ``YAMLNode`` is a
/// reference to this tree and an index: copying one retains the tree, never a file.
public final class YAMLTree: Sendable {
    /// What a node is.
    public enum Kind: UInt8, Sendable {
        /// A scalar: text with a style.
        case scalar
        /// A mapping: key and value nodes in file order.
        case mapping
        /// A sequence (a list).
        case sequence
    }

    /// How a scalar was written (libyaml's styles, in its order).
    public enum ScalarStyle: UInt8, Sendable {
        /// No style given (not produced by the parser).
        case any
        /// Unquoted.
        case plain
        /// In single quotes.
        case singleQuoted
        /// In double quotes.
        case doubleQuoted
        /// A `|` block.
        case literal
        /// A `>` block.
        case folded
    }

    /// One node: its kind, scalar style, position, and its text (scalar) or children (containers).
    struct Record {
        var kind: Kind
        var style: ScalarStyle
        /// 1-based line and column (in characters) of the node's start, as Yams' marks give them.
        var line: Int32
        var column: Int32
        /// A scalar's index in ``strings``; a container's first child in ``children``.
        var first: Int32
        /// A container's number of child indices (a mapping's keys and values alternate); 0 for a scalar.
        var count: Int32
    }

    /// The file the nodes were read from (path and text for error messages).
    public let file: YAMLFile
    let records: [Record]
    let strings: [String]
    let children: [Int32]
    /// The index of the root node.
    let root: Int32

    init(file: YAMLFile, records: [Record], strings: [String], children: [Int32], root: Int32) {
        self.file = file
        self.records = records
        self.strings = strings
        self.children = children
        self.root = root
    }

    /// The root node.
    public var rootNode: YAMLNode { YAMLNode(tree: self, index: root) }

    /// The text of the scalar at `index`.
    @inline(__always) func string(_ index: Int32) -> String { strings[Int(records[Int(index)].first)] }

    /// The child indices of the container at `index`.
    @inline(__always) func children(of index: Int32) -> ArraySlice<Int32> {
        let record = records[Int(index)]
        return children[Int(record.first)..<Int(record.first + record.count)]
    }
}
