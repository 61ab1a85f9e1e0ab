/// Where a value was written in a YAML file, kept so that a problem found later (when a run is assembled)
/// can still be reported at `file:line:column` with the line quoted.
public struct SourcePosition: Sendable, Equatable {
    /// The file, as the user named it.
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column.
    public var column: Int
    /// The file's text, for the quoted line.
    public var text: String

    /// Creates a position.
    public init(file: String, line: Int, column: Int, text: String) {
        self.file = file
        self.line = line
        self.column = column
        self.text = text
    }

    /// The position of a node.
    public init(_ node: YAMLNode) {
        self.init(file: node.file.path, line: node.line, column: node.column, text: node.file.text)
    }

    /// An error at this position.
    public func error(_ message: String) -> LoadError {
        LoadError(file: file, line: line, column: column, message: message, source: text)
    }
}
