import CYaml
import Yams

extension YAMLFile {
    /// The most nodes that alias expansion may add to a file (YAML's "billion laughs": aliases of aliases
    /// multiply a few kilobytes into gigabytes of nodes).
    public static let maxAliasExpandedNodes = 10_000
    /// The deepest a file may nest once aliases are expanded (loaders walk conditions recursively).
    public static let maxDepth = 64

    /// Reads the file's YAML events once (libyaml, before any node is built) and throws a positioned error at
    /// the first alias whose expansion would take the file past ``maxAliasExpandedNodes`` nodes, or the first
    /// node (or alias) that nests deeper than ``maxDepth``. Each anchored node's expanded size and depth are
    /// computed once, when it ends, so a billion-laughs file costs one pass over its text, never its expansion.
    /// Syntax errors are left to the composer, which positions them.
    public func checkLimits() throws {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return }
        defer { yaml_parser_delete(&parser) }
        var contents = text  // read in place: a copy of a large file's bytes would double its memory
        struct Open { var anchor: String?; var size: Int; var height: Int }
        var sizes: [String: (size: Int, height: Int)] = [:]
        var stack: [Open] = []
        var expanded = 0
        /// Adds a finished node (of `size` nodes and `height` levels) to its parent.
        func finish(size: Int, height: Int) {
            guard !stack.isEmpty else { return }
            stack[stack.count - 1].size += size
            stack[stack.count - 1].height = max(stack[stack.count - 1].height, height + 1)
        }
        try contents.withUTF8 { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                defer { yaml_event_delete(&event) }
                let line = Int(event.start_mark.line) + 1
                let column = Int(event.start_mark.column) + 1
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return
                case YAML_ALIAS_EVENT:
                    let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
                    guard let target = sizes[name] else { continue }  // undefined: the composer reports it
                    expanded += target.size
                    if expanded > Self.maxAliasExpandedNodes {
                        throw LoadError(file: path, line: line, column: column, message: "alias *\(name) expands the file past \(Self.maxAliasExpandedNodes) nodes; "
                                        + "aliases may repeat a value, not multiply the file (nested aliases grow exponentially)", source: text)
                    }
                    if stack.count + target.height > Self.maxDepth {
                        throw LoadError(file: path, line: line, column: column,
                                        message: "alias *\(name) nests the file deeper than \(Self.maxDepth) levels", source: text)
                    }
                    finish(size: target.size, height: target.height)
                case YAML_SCALAR_EVENT:
                    if stack.count + 1 > Self.maxDepth { throw depthError(line, column) }
                    if let anchor = event.data.scalar.anchor { sizes[String(cString: anchor)] = (1, 1) }
                    finish(size: 1, height: 1)
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    if stack.count + 1 > Self.maxDepth { throw depthError(line, column) }
                    let anchor = event.type == YAML_SEQUENCE_START_EVENT ? event.data.sequence_start.anchor : event.data.mapping_start.anchor
                    stack.append(Open(anchor: anchor.map { String(cString: $0) }, size: 1, height: 1))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    guard let node = stack.popLast() else { continue }
                    if let anchor = node.anchor { sizes[anchor] = (node.size, node.height) }
                    finish(size: node.size, height: node.height)
                default:
                    continue
                }
            }
        }
    }

    private func depthError(_ line: Int, _ column: Int) -> LoadError {
        LoadError(file: path, line: line, column: column, message: "the file nests deeper than \(Self.maxDepth) levels; expected a flatter structure", source: text)
    }

    /// Line and column (1-based, columns in scalars) of the character at `offset` characters into the text.
    func position(ofCharacter offset: Int) -> (Int, Int)? {
        guard offset >= 0, let index = text.index(text.startIndex, offsetBy: offset, limitedBy: text.endIndex) else { return nil }
        return position(of: index)
    }

    /// Line and column of a string index of the text.
    func position(of index: String.Index) -> (Int, Int) {
        var line = 1
        var lineStart = text.startIndex
        var cursor = text.startIndex
        while cursor < index {
            if text[cursor] == "\n" || text[cursor] == "\r\n" { line += 1; lineStart = text.index(after: cursor) }
            cursor = text.index(after: cursor)
        }
        return (line, text.unicodeScalars[lineStart..<index].count + 1)
    }
}
