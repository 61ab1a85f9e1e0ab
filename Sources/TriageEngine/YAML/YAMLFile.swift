import Foundation
import Yams

/// A YAML file parsed into a positioned node tree, with the text kept for error snippets and hashing.
public struct YAMLFile: Sendable {
    /// The path as the user named it (used in error messages).
    public let path: String
    /// The file's full text.
    public let text: String
    /// The SHA-256 of the file's bytes, lowercase hex.
    public var sha256: String { digest.get() }
    private let digest: BackgroundValue<String, Never>

    /// Reads and keeps a file; parse it with ``root()``.
    public static func read(path: String) throws -> YAMLFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            let reason = !exists ? "no such file" : (isDirectory.boolValue ? "is a directory, expected a YAML file" : "cannot be read")
            throw LoadError(file: path, line: 0, column: 0, message: reason)
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw LoadError.invalidUTF8(file: path, bytes: data) ?? LoadError(file: path, line: 0, column: 0, message: "cannot be read")
        }
        // The text holds the same bytes as `data` (validated, not transcoded), so `data` can go now.
        return YAMLFile(path: path, text: text, digest: Self.digest(of: text))
    }

    /// Wraps text that did not come from disk (tests, generated configuration).
    public init(path: String, text: String) {
        self.init(path: path, text: text, digest: Self.digest(of: text))
    }

    private init(path: String, text: String, digest: BackgroundValue<String, Never>) {
        self.path = path
        self.text = text
        self.digest = digest
    }

    /// Texts from this many bytes are hashed on a thread of their own while the file is parsed (hashing a 65 MB
    /// suite took 0.6 s of a 4.5 s load on one core while the other waited); smaller ones at once.
    static let backgroundHashBytes = 1 << 20

    /// The SHA-256 of a text's UTF-8 as lowercase hex, computed as ``backgroundHashBytes`` says.
    private static func digest(of text: String) -> BackgroundValue<String, Never> {
        @Sendable func hash() -> String {
            var text = text
            return text.withUTF8 { SHA256.hex(bytes: UnsafeRawBufferPointer($0)) }
        }
        guard text.utf8.count >= backgroundHashBytes else { return BackgroundValue(value: hash()) }
        return BackgroundValue(threadName: "triage-eval-file-hash", hash)
    }

    /// Parses the file and returns its root node; syntax errors come back as positioned ``LoadError``s.
    ///
    /// One pass of libyaml's events builds the tree and checks the alias and depth limits
    /// (``YAMLTreeBuilder``). A file that pass is not sure of (any error, or keys only Yams' tags tell apart)
    /// is loaded as it always was, by ``checkLimits()`` and Yams' composer, for that load's verdict and texts.
    public func root() throws -> YAMLNode {
        // libyaml skips a byte order mark before its marks count when it detects the encoding (the limit
        // check) but counts it when told the encoding (Yams): only the old load gives both positions.
        if !text.utf8.starts(with: [0xEF, 0xBB, 0xBF]) {
            var builder = YAMLTreeBuilder(file: self)
            if let result = try? builder.build() {
                guard let tree = result.tree else { throw emptyError() }
                return tree.rootNode
            }
        }
        return try composedRoot()
    }

    /// Parses the file in one pass like ``root()``, but hands each item of the list under the root mapping's
    /// `key` to `item` as soon as the item ends, in a tree of its own that is dropped afterwards, so a file
    /// of 100,000 list items never holds them all. Returns the root, in which that list is empty, and how many
    /// items were handed on; nil items when the file has no such list (the root then holds the whole file).
    ///
    /// Any error, from the parse or from `item`, is thrown as is, and may not be the file's own error text
    /// (an alias from one item into another, for one, is refused): on any error, load the file with
    /// ``root()`` for its verdict.
    public func streamRoot(listKey key: String, item: (YAMLNode) throws -> Void) throws -> (root: YAMLNode, items: Int?) {
        if text.utf8.starts(with: [0xEF, 0xBB, 0xBF]) { throw YAMLTreeBuilder.Refused() }
        var builder = YAMLTreeBuilder(file: self, streamKey: key)
        let result = try builder.build(item: item)
        guard let tree = result.tree else { throw emptyError() }
        return (tree.rootNode, result.streamedItems)
    }

    /// The root as Yams composes it, limits checked first, converted to a ``YAMLTree``.
    func composedRoot() throws -> YAMLNode {
        let node: Node?
        // Aliases and depth are checked on the event stream first: composing (and hashing keys) an
        // alias bomb would already cost its expansion.
        try checkLimits()
        do {
            // UTF-8 named here: the default encoding reads the process environment on every call.
            node = try Yams.compose(yaml: text, .default, .default, .utf8)
        } catch let error as YamlError {
            throw loadError(from: error)
        }
        guard let node else { throw emptyError() }
        return YAMLTree(file: self, composed: node).rootNode
    }

    private func emptyError() -> LoadError {
        LoadError(file: path, line: 1, column: 1, message: "the file is empty; expected a YAML mapping", source: text)
    }

    /// An error at a mark in this file.
    func error(at mark: Mark?, _ message: String) -> LoadError {
        LoadError(file: path, line: mark?.line ?? 0, column: mark?.column ?? 0, message: message, source: text)
    }

    private func loadError(from error: YamlError) -> LoadError {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let prefix = context.map { "\($0.text) " } ?? ""
            return self.error(at: mark, "invalid YAML: \(prefix)\(problem)")
        case let .reader(problem, offset, value, _):
            let hex = String(value, radix: 16, uppercase: true)
            let character = value >= 0 ? " (found U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ")" : ""
            let message = "invalid YAML: \(problem)\(character); expected printable text (tabs and line breaks are allowed)"
            if let (line, column) = offset.flatMap(position(ofCharacter:)) {
                return LoadError(file: path, line: line, column: column, message: message, source: text)
            }
            return LoadError(file: path, line: 0, column: 0, message: message)
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.sorted().map { "\"\($0)\"" }.joined(separator: ", ")
            return self.error(at: context.mark, "duplicate key \(keys) in mapping")
        default:
            return LoadError(file: path, line: 0, column: 0, message: "invalid YAML: \(error)")
        }
    }
}
