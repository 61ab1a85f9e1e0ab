import Foundation

extension PromptTemplate {
    /// The keys a prompt file may have.
    public static let keys = ["id", "version", "description", "system", "user", "max_tokens", "temperature"]

    /// Loads a prompt file.
    /// - Parameters:
    ///   - path: the file, as the user names it (errors quote it).
    ///   - variables: the variables its templates may use; any other is a load error.
    /// - Throws: ``LoadError`` positioned at the offending key or variable, with the line and a caret.
    public static func load(path: String, variables: [String] = PromptTemplate.variables) throws -> PromptTemplate {
        try load(file: YAMLFile.read(path: path), variables: variables)
    }

    /// Loads a prompt from an already-read file.
    public static func load(file: YAMLFile, variables: [String] = PromptTemplate.variables) throws -> PromptTemplate {
        let root = try file.root().mapping(allowed: keys, what: "a prompt file")
        return PromptTemplate(
            id: try root.require("id").string(what: "id"),
            version: try root.require("version").int(what: "version", minimum: 1),
            description: try root["description"]?.string(what: "description") ?? "",
            system: try template(root.require("system"), variables: variables),
            user: try template(root.require("user"), variables: variables),
            maxTokens: try root["max_tokens"]?.int(what: "max_tokens", minimum: 1),
            temperature: try root["temperature"]?.double(what: "temperature", in: 0...2),
            path: file.path,
            sha256: file.sha256)
    }

    /// Parses a template node and checks its variables; an unknown one is reported where it is written.
    static func template(_ node: YAMLNode, variables: [String]) throws -> Template {
        let text = try node.string(what: "a template")
        let parsed: Template
        do { parsed = try Template(text) } catch { throw node.error(error.message) }
        if let unknown = parsed.variables.first(where: { !variables.contains($0) }) {
            let message = "unknown variable \"{{\(unknown)}}\"; expected one of: \(variables.joined(separator: ", "))"
            guard let (line, column) = position(of: unknown, in: node) else { throw node.error(message) }
            throw LoadError(file: node.file.path, line: line, column: column, message: message, source: node.file.text)
        }
        return parsed
    }

    /// Where `{{name}}` (with any inner spaces) first occurs in the file at or after the node's line: the
    /// node's own position is the start of the scalar, which for a block scalar is lines away.
    static func position(of name: String, in node: YAMLNode) -> (line: Int, column: Int)? {
        let lines = node.file.text.split(separator: "\n", omittingEmptySubsequences: false)
        guard node.line > 0 else { return nil }
        for index in (node.line - 1)..<lines.count {
            let scalars = Array(lines[index].unicodeScalars)
            var position = 0
            while position + 1 < scalars.count {
                guard scalars[position] == "{", scalars[position + 1] == "{" else { position += 1; continue }
                var end = position + 2
                while end + 1 < scalars.count, !(scalars[end] == "}" && scalars[end + 1] == "}") { end += 1 }
                guard end + 1 < scalars.count else { break }
                var inner = String.UnicodeScalarView()
                inner.append(contentsOf: scalars[(position + 2)..<end])
                if String(inner).trimmingCharacters(in: .whitespaces) == name { return (index + 1, position + 1) }
                position = end + 2
            }
        }
        return nil
    }
}
