import Foundation
import TriageEngine

/// Reads production exports: JSON Lines, one conversation a line (README, "Production exports";
/// `schemas/production-export.schema.json`).
///
/// Every bad line gives one error naming the file, line, column and field, quoting the line with a caret;
/// a bad line never stops the good ones. Labels, channels and plans are checked against the taxonomy. With
/// a redactor, an error's message and quoted line are redacted (the caret still under the same place), since
/// a bad line is as personal as a good one.
public struct ProductionExportReader: Sendable {
    /// The names labels are checked against.
    public let taxonomy: Taxonomy
    /// Redacts the quoted line and message of every error; nil quotes lines as written.
    public let redactor: Redactor?

    /// The keys a conversation line may have.
    public static let conversationKeys = ["conversation_id", "channel", "plan", "customer", "subject", "created_at", "messages", "predicted", "feedback", "correction"]
    /// The feedback types.
    public static let feedbackTypes = ["thumbs_up", "thumbs_down", "star_rating"]
    /// The correction urgencies.
    public static let urgencies = ["urgent", "normal"]

    /// Creates a reader that checks against a taxonomy and redacts its errors with `redactor`.
    public init(taxonomy: Taxonomy, redactor: Redactor? = nil) {
        self.taxonomy = taxonomy
        self.redactor = redactor
    }

    /// Reads files in order; an unreadable file is one error and the others are still read.
    public func read(paths: [String]) -> ProductionExport {
        var result = ProductionExport()
        var seen: [String: String] = [:]
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else {
                var isDirectory: ObjCBool = false
                let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
                let reason = !exists ? "no such file" : (isDirectory.boolValue ? "is a directory, expected a JSON Lines file" : "cannot be read")
                result.errors.append(LoadError(file: path, line: 0, column: 0, message: reason))
                continue
            }
            let part = read(bytes: [UInt8](data), file: path, seen: &seen)
            result.conversations += part.conversations
            result.errors += part.errors
        }
        return result
    }

    /// Reads the text of one export; `file` names it in errors.
    public func read(text: String, file: String) -> ProductionExport {
        var seen: [String: String] = [:]
        return read(bytes: Array(text.utf8), file: file, seen: &seen)
    }

    /// Reads an export line by line, so a line that is not UTF-8 is one positioned error and the others
    /// are still read.
    private func read(bytes: [UInt8], file: String, seen: inout [String: String]) -> ProductionExport {
        var result = ProductionExport()
        var start = 0
        var number = 0
        while start <= bytes.count {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            defer { start = end + 1 }
            number += 1
            var lineBytes = bytes[start..<end]
            if lineBytes.last == UInt8(ascii: "\r") { lineBytes = lineBytes.dropLast() }
            guard let line = String(validating: lineBytes, as: UTF8.self) else {
                let text = String(decoding: lineBytes, as: UTF8.self)
                if let error = LoadError.invalidUTF8(file: file, bytes: lineBytes, firstLine: number) {
                    let context = LineContext(file: file, line: number, text: text, redactor: redactor)
                    result.errors.append(context.error(column: error.column, error.message))
                }
                continue
            }
            if line.allSatisfy(\.isWhitespace) { continue }
            var context = LineContext(file: file, line: number, text: line, redactor: redactor)
            do {
                let root: JSONNode
                do {
                    root = try JSONLineParser.parse(line)
                } catch {
                    throw context.error(column: error.column, error.message)
                }
                if case let .object(members) = root.kind, let node = members.first(where: { $0.key == "customer" })?.value,
                   case let .string(name) = node.kind {
                    context.customer = name
                }
                var conversation = try conversation(root, context)
                if let first = seen[conversation.id] {
                    throw context.error(column: 1, "duplicate conversation_id \"\(conversation.id)\"; first on \(first)")
                }
                conversation.source = "\(file):\(number)"
                seen[conversation.id] = conversation.source
                result.conversations.append(conversation)
            } catch let error as LoadError {
                result.errors.append(error)
            } catch {
                result.errors.append(context.error(column: 1, "\(error)"))
            }
        }
        return result
    }

    // MARK: - Fields

    private func conversation(_ root: JSONNode, _ context: LineContext) throws -> ProductionConversation {
        let object = try context.object(root, field: nil, allowed: Self.conversationKeys, what: "a conversation")
        let id = try context.string(object.require("conversation_id"), field: "conversation_id")
        let channel = try context.oneOf(object.require("channel"), field: "channel", taxonomy.channelNames, what: "channel")
        let plan = try object["plan"].map { try context.oneOf($0, field: "plan", taxonomy.planNames, what: "plan") }
        let customer = try object["customer"].map { try context.string($0, field: "customer") }
        let subject = try object["subject"].map { try context.string($0, field: "subject", allowEmpty: true) }
        let createdAt = try object["created_at"].map { node in
            let value = try context.string(node, field: "created_at")
            guard Self.isTimestamp(value) else {
                throw context.error(column: node.column, "field \"created_at\": expected an ISO 8601 time such as 2026-11-02T09:14:00Z, found \"\(value)\"")
            }
            return value
        }
        let messagesNode = try object.require("messages")
        guard case let .array(elements) = messagesNode.kind else {
            throw context.error(column: messagesNode.column, "field \"messages\": expected a list of messages, found \(messagesNode.kindDescription)")
        }
        guard !elements.isEmpty else { throw context.error(column: messagesNode.column, "field \"messages\": expected at least one message, found an empty list") }
        var messages: [ProductionConversation.Message] = []
        for (index, element) in elements.enumerated() {
            let field = "messages[\(index)]"
            let message = try context.object(element, field: field, allowed: ["role", "text"], what: "a message")
            let role = try context.oneOf(message.require("role"), field: field + ".role", ProductionConversation.Role.allCases.map(\.rawValue), what: "role")
            let text = try context.string(message.require("text"), field: field + ".text")
            messages.append(.init(role: ProductionConversation.Role(rawValue: role)!, text: text))
        }
        let predicted = try object["predicted"].map { try labels($0, field: "predicted", context, extra: []).labels }
        let feedback = try object["feedback"].map { try self.feedback($0, context) }
        let correction = try object["correction"].map { node in
            let (labels, entries) = try labels(node, field: "correction", context, extra: ["by", "urgency", "note"])
            return ProductionConversation.Correction(
                labels: labels,
                by: try entries["by"].map { try context.string($0, field: "correction.by") },
                urgency: try entries["urgency"].map { try context.oneOf($0, field: "correction.urgency", Self.urgencies, what: "urgency") } ?? "normal",
                note: try entries["note"].map { try context.string($0, field: "correction.note", allowEmpty: true) })
        }
        return ProductionConversation(id: id, channel: channel, plan: plan, customer: customer, subject: subject, createdAt: createdAt,
                                      messages: messages, predicted: predicted, feedback: feedback, correction: correction)
    }

    private func labels(_ node: JSONNode, field: String, _ context: LineContext, extra: [String]) throws -> (labels: ProductionConversation.Labels, entries: LineContext.Object) {
        let object = try context.object(node, field: field, allowed: ["category", "escalate", "team", "priority"] + extra, what: "labels")
        let category = try context.oneOf(object.require("category"), field: field + ".category", taxonomy.categoryNames, what: "category")
        let escalate = try object["escalate"].map { value -> Bool in
            guard case let .bool(flag) = value.kind else {
                throw context.error(column: value.column, "field \"\(field).escalate\": expected true or false, found \(value.kindDescription)")
            }
            return flag
        }
        let team = try object["team"].map { try context.oneOf($0, field: field + ".team", taxonomy.teamNames + ["none"], what: "team") }
        let priority = try object["priority"].map { try context.oneOf($0, field: field + ".priority", taxonomy.priorities, what: "priority") }
        return (.init(category: category, escalate: escalate, team: team, priority: priority), object)
    }

    private func feedback(_ node: JSONNode, _ context: LineContext) throws -> ProductionConversation.Feedback {
        let object = try context.object(node, field: "feedback", allowed: ["type", "rating", "comment"], what: "feedback")
        let type = try context.oneOf(object.require("type"), field: "feedback.type", Self.feedbackTypes, what: "feedback type")
        let rating = try object["rating"].map { value -> Int in
            guard case let .number(number) = value.kind, number == number.rounded(), (1...5).contains(number) else {
                throw context.error(column: value.column, "field \"feedback.rating\": expected a whole number from 1 to 5, found \(value.kindDescription)")
            }
            return Int(number)
        }
        if type == "star_rating", rating == nil {
            throw context.error(column: node.column, "field \"feedback\": a star_rating needs a \"rating\" from 1 to 5")
        }
        let comment = try object["comment"].map { try context.string($0, field: "feedback.comment", allowEmpty: true) }
        return .init(type: type, rating: rating, comment: comment)
    }

    /// The customer's name in a line that may not parse: the text of the first string after a `customer` key,
    /// escapes left as written; nil when there is none. The line may be damaged around it: the key cut to its
    /// first or last four letters or more (`"cust`…, …`omer"`, as a splice or a truncation leaves it), its quotes
    /// missing or single, the colon missing or another separator (`=`, `;`), the value in single quotes. (Not
    /// `,`: `"role": "customer", "text": …` would then give "text".)
    static func customerName(in line: String) -> String? {
        let scalars = Array(line.unicodeScalars)
        var position = 0
        while position < scalars.count {
            guard isLetter(scalars[position]) else { position += 1; continue }
            var end = position
            while end < scalars.count && isLetter(scalars[end]) { end += 1 }
            let word = String(String.UnicodeScalarView(scalars[position..<end])).lowercased()
            position = end
            guard word.count >= 4, "customer".hasPrefix(word) || "customer".hasSuffix(word) else { continue }
            var rest = end
            if rest < scalars.count, scalars[rest] == "\"" || scalars[rest] == "'" { rest += 1 }
            // Whitespace and at most one separator, whatever it is, between the key and its value.
            while rest < scalars.count, scalars[rest] == " " || scalars[rest] == "\t" { rest += 1 }
            if rest < scalars.count, ":=;".unicodeScalars.contains(scalars[rest]) {
                rest += 1
                while rest < scalars.count, scalars[rest] == " " || scalars[rest] == "\t" { rest += 1 }
            }
            guard rest < scalars.count, scalars[rest] == "\"" || scalars[rest] == "'" else { continue }
            let quote = scalars[rest]
            var name = String.UnicodeScalarView()
            var escaped = false
            for scalar in scalars[(rest + 1)...] {
                if scalar == quote && !escaped { break }
                escaped = scalar == "\\" && !escaped
                name.append(scalar)
            }
            let text = String(name)
            if !text.allSatisfy(\.isWhitespace) { return text }
        }
        return nil
    }

    /// An ASCII letter (keys are ASCII).
    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    nonisolated(unsafe) private static let plainTimestamp = ISO8601DateFormatter()
    nonisolated(unsafe) private static let fractionalTimestamp: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }()

    /// Whether a text is an ISO 8601 date-time with a time zone (`2026-11-02T09:14:00Z`, `…+01:00`, fractions allowed).
    static func isTimestamp(_ text: String) -> Bool {
        plainTimestamp.date(from: text) != nil || fractionalTimestamp.date(from: text) != nil
    }
}

/// The line being read, for positioned errors and typed access to its fields.
private struct LineContext {
    /// An object's members by key.
    struct Object {
        let node: JSONNode
        let members: [(key: String, keyColumn: Int, value: JSONNode)]
        let field: String?
        let context: LineContext

        subscript(key: String) -> JSONNode? { members.first { $0.key == key }?.value }

        func require(_ key: String) throws -> JSONNode {
            guard let value = self[key] else {
                let name = field.map { "\($0).\(key)" } ?? key
                throw context.error(column: node.column, "missing field \"\(name)\"")
            }
            return value
        }
    }

    let file: String
    let line: Int
    /// The line's text (without its line break).
    let text: String
    /// Redacts errors; nil quotes the line as written.
    let redactor: Redactor?
    /// The customer's name as parsed from this line, redacted from errors as the pseudonym; when the line
    /// did not parse that far, an error finds it in the text (only then, off the path of good lines).
    var customer: String? = nil

    func error(column: Int, _ message: String) -> LoadError {
        // LoadError quotes line `line` of its source; blank lines before it stand in for the rest of the file.
        let padding = String(repeating: "\n", count: line - 1)
        guard let redactor else { return LoadError(file: file, line: line, column: column, message: message, source: padding + text) }
        let customer = customer ?? ProductionExportReader.customerName(in: text)
        let quoted = redactor.redact(text, customer: customer, trackingColumn: column)
        return LoadError(file: file, line: line, column: column, message: redactor.redact(message, customer: customer),
                         source: padding + quoted.text, caretColumn: quoted.column)
    }

    func object(_ node: JSONNode, field: String?, allowed: [String], what: String) throws -> Object {
        guard case let .object(members) = node.kind else {
            let prefix = field.map { "field \"\($0)\": " } ?? ""
            throw error(column: node.column, "\(prefix)expected \(what) (a JSON object), found \(node.kindDescription)")
        }
        for member in members where !allowed.contains(member.key) {
            let name = field.map { "\($0).\(member.key)" } ?? member.key
            throw error(column: member.keyColumn, "unknown field \"\(name)\"; expected one of: \(allowed.joined(separator: ", "))")
        }
        return Object(node: node, members: members, field: field, context: self)
    }

    func string(_ node: JSONNode, field: String, allowEmpty: Bool = false) throws -> String {
        guard case let .string(value) = node.kind else {
            throw error(column: node.column, "field \"\(field)\": expected text, found \(node.kindDescription)")
        }
        if !allowEmpty && value.allSatisfy(\.isWhitespace) {
            throw error(column: node.column, "field \"\(field)\": expected text, found an empty string")
        }
        return value
    }

    func oneOf(_ node: JSONNode, field: String, _ allowed: [String], what: String) throws -> String {
        let value = try string(node, field: field)
        guard allowed.contains(value) else {
            throw error(column: node.column, "field \"\(field)\": unknown \(what) \"\(value)\"; expected one of: \(allowed.joined(separator: ", "))")
        }
        return value
    }
}
