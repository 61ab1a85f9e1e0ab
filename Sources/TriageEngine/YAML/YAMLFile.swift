import Foundation
import Yams

/// A YAML file parsed into a positioned node tree, with the text kept for error snippets and hashing.
public struct YAMLFile: Sendable {
    /// The path as the user named it (used in error messages).
    public let path: String
    /// The file's full text.
    public let text: String
    /// The SHA-256 of the file's bytes, lowercase hex.
    public let sha256: String

    /// Reads and keeps a file; parse it with ``root()``.
    public static func read(path: String) throws -> YAMLFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            let reason = !exists ? "no such file" : (isDirectory.boolValue ? "is a directory, expected a YAML file" : "cannot be read")
            throw LoadError(file: path, line: 0, column: 0, message: reason)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw LoadError(file: path, line: 0, column: 0, message: "not valid UTF-8 text")
        }
        return YAMLFile(path: path, text: text, sha256: SHA256.hex(data))
    }

    /// Wraps text that did not come from disk (tests, generated configuration).
    public init(path: String, text: String) {
        self.init(path: path, text: text, sha256: SHA256.hex(Data(text.utf8)))
    }

    private init(path: String, text: String, sha256: String) {
        self.path = path
        self.text = text
        self.sha256 = sha256
    }

    /// Parses the file and returns its root node; syntax errors come back as positioned ``LoadError``s.
    public func root() throws -> YAMLNode {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw loadError(from: error)
        }
        guard let node else {
            throw LoadError(file: path, line: 0, column: 0, message: "the file is empty; expected a YAML mapping")
        }
        return YAMLNode(node: node, file: self)
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
        case let .reader(problem, _, _, _):
            return LoadError(file: path, line: 0, column: 0, message: "invalid YAML: \(problem)")
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.sorted().map { "\"\($0)\"" }.joined(separator: ", ")
            return self.error(at: context.mark, "duplicate key \(keys) in mapping")
        default:
            return LoadError(file: path, line: 0, column: 0, message: "invalid YAML: \(error)")
        }
    }
}
