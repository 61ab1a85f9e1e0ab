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
        var limits = YAMLLimitTracker()
        try contents.withUTF8 { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                defer { yaml_event_delete(&event) }
                do throws(YAMLLimitTracker.Violation) {
                    switch event.type {
                    case YAML_STREAM_END_EVENT:
                        return
                    case YAML_ALIAS_EVENT:
                        try limits.alias(event.data.alias.anchor.map { String(cString: $0) } ?? "")
                    case YAML_SCALAR_EVENT:
                        try limits.scalar(anchor: event.data.scalar.anchor.map { String(cString: $0) })
                    case YAML_SEQUENCE_START_EVENT:
                        try limits.start(anchor: event.data.sequence_start.anchor.map { String(cString: $0) })
                    case YAML_MAPPING_START_EVENT:
                        try limits.start(anchor: event.data.mapping_start.anchor.map { String(cString: $0) })
                    case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                        limits.end()
                    default:
                        continue
                    }
                } catch {
                    throw limitError(error, line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
                }
            }
        }
    }

    /// The positioned error for a broken limit.
    private func limitError(_ violation: YAMLLimitTracker.Violation, line: Int, column: Int) -> LoadError {
        switch violation {
        case let .aliasExpansion(name):
            return LoadError(file: path, line: line, column: column, message: "alias *\(name) expands the file past \(Self.maxAliasExpandedNodes) nodes; "
                             + "aliases may repeat a value, not multiply the file (nested aliases grow exponentially)", source: text)
        case let .aliasDepth(name):
            return LoadError(file: path, line: line, column: column, message: "alias *\(name) nests the file deeper than \(Self.maxDepth) levels", source: text)
        case .depth:
            return depthError(line, column)
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
