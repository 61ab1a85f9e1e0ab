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
    /// The part of ``text`` ``root()`` parses when this is a fragment of a file; nil parses all of it.
    let fragmentText: Substring?
    /// Lines of ``text`` before the fragment: added to every line the fragment's nodes and errors report.
    public let lineOffset: Int

    /// Reads and keeps a file; parse it with ``root()``.
    public static func read(path: String) throws -> YAMLFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            let reason = !exists ? "no such file" : (isDirectory.boolValue ? "is a directory, expected a YAML file" : "cannot be read")
            throw LoadError(file: path, line: 0, column: 0, message: reason)
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw invalidUTF8Error(path: path, data: data)
        }
        return YAMLFile(path: path, text: text, sha256: SHA256.hex(data))
    }

    /// Wraps text that did not come from disk (tests, generated configuration).
    public init(path: String, text: String) {
        self.init(path: path, text: text, sha256: SHA256.hex(Data(text.utf8)))
    }

    private init(path: String, text: String, sha256: String, fragmentText: Substring? = nil, lineOffset: Int = 0) {
        self.path = path
        self.text = text
        self.sha256 = sha256
        self.fragmentText = fragmentText
        self.lineOffset = lineOffset
    }

    /// A part of this file parsed on its own: `part` (whole lines of ``text``, the first of them line
    /// `lineOffset + 1`) is what ``root()`` parses, while positions and quoted lines stay those of the whole
    /// file. Alias and depth limits are not checked on a fragment: check the whole file with ``checkLimits()``.
    /// A fragment's scalars resolve to no tags (Yams' duplicate-key check otherwise matches every mapping key
    /// against its tag regexes, most of an item's parse time), so keys told apart only by their tag (`1` and
    /// `"1"`) are duplicates there: load the whole file when a fragment fails, for the whole file's verdict.
    public func fragment(_ part: Substring, lineOffset: Int) -> YAMLFile {
        YAMLFile(path: path, text: text, sha256: sha256, fragmentText: part, lineOffset: lineOffset)
    }

    /// Parses the file and returns its root node; syntax errors come back as positioned ``LoadError``s.
    public func root() throws -> YAMLNode {
        let node: Node?
        // Aliases and depth are checked on the event stream first: composing (and hashing keys) an
        // alias bomb would already cost its expansion.
        if fragmentText == nil { try checkLimits() }
        do {
            // UTF-8 named here: the default encoding reads the process environment on every call (once per
            // scenario of an item-by-item load). A fragment resolves no tags (see ``fragment(_:lineOffset:)``).
            node = try Yams.compose(yaml: fragmentText.map(String.init) ?? text, fragmentText == nil ? .default : .basic, .default, .utf8)
        } catch let error as YamlError {
            throw loadError(from: error)
        }
        guard let node else {
            throw LoadError(file: path, line: 1, column: 1, message: "the file is empty; expected a YAML mapping", source: text)
        }
        return YAMLNode(node: node, file: self)
    }

    /// An error at a mark in this file.
    func error(at mark: Mark?, _ message: String) -> LoadError {
        LoadError(file: path, line: mark.map { $0.line + lineOffset } ?? 0, column: mark?.column ?? 0, message: message, source: text)
    }

    /// A positioned error at the first byte that is not UTF-8.
    private static func invalidUTF8Error(path: String, data: Data) -> LoadError {
        let bytes = [UInt8](data)
        var valid = 0
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        decoding: while true {
            switch decoder.decode(&iterator) {
            case let .scalarValue(scalar): valid += UTF8.width(scalar)
            case .emptyInput, .error: break decoding
            }
        }
        let prefix = String(decoding: bytes[..<valid], as: UTF8.self)
        let line = prefix.split(separator: "\n", omittingEmptySubsequences: false).count
        let column = (prefix.split(separator: "\n", omittingEmptySubsequences: false).last?.unicodeScalars.count ?? 0) + 1
        let byte = valid < bytes.count ? String(bytes[valid], radix: 16, uppercase: true) : "?"
        return LoadError(file: path, line: line, column: column,
                         message: "invalid UTF-8 (byte 0x\(byte.count == 1 ? "0" + byte : byte)); expected UTF-8 text",
                         source: String(decoding: bytes, as: UTF8.self))
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
