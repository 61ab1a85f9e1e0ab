import Foundation

/// The body posted to a deployed service for each ticket: text with `{{ticket.FIELD}}` placeholders.
///
/// `{{ticket.channel}}`, `{{ticket.plan}}`, `{{ticket.id}}`, `{{ticket.customer}}` and `{{ticket.subject}}` insert
/// the text escaped for a JSON string (write them inside quotes); `{{ticket.subject_json}}`,
/// `{{ticket.messages_json}}` and `{{ticket.json}}` (the whole ticket, as a service linking the engine reads it)
/// insert JSON values.
public struct RequestBodyTemplate: Sendable, Equatable {
    private enum Piece: Sendable, Equatable {
        case text(String)
        case field(String)
    }

    /// The placeholders a template may use, without `ticket.`.
    public static let fields = ["id", "channel", "plan", "customer", "subject", "subject_json", "messages_json", "json"]

    /// The default body: the ticket as JSON, which is what a service that links TriageEngine decodes.
    public static let defaultText = "{{ticket.json}}"

    /// The template as written.
    public let text: String
    private let pieces: [Piece]

    /// Parses a template.
    /// - Throws: ``HTTPTargetConfigError`` naming an unknown or unclosed placeholder and the ones expected.
    public init(_ text: String) throws(HTTPTargetConfigError) {
        var pieces: [Piece] = []
        var rest = text[...]
        while let open = rest.range(of: "{{") {
            if open.lowerBound > rest.startIndex { pieces.append(.text(String(rest[..<open.lowerBound]))) }
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                throw HTTPTargetConfigError("unclosed placeholder \"\(rest[open.lowerBound...].prefix(30))\" in body; expected {{ticket.FIELD}}")
            }
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            guard name.hasPrefix("ticket."), Self.fields.contains(String(name.dropFirst(7))) else {
                throw HTTPTargetConfigError("unknown placeholder \"{{\(name)}}\" in body; expected one of: "
                                      + Self.fields.map { "{{ticket.\($0)}}" }.joined(separator: ", "))
            }
            pieces.append(.field(String(name.dropFirst(7))))
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { pieces.append(.text(String(rest))) }
        self.text = text
        self.pieces = pieces
    }

    /// The body for a ticket.
    public func render(_ ticket: Ticket) -> Data {
        var out = ""
        for piece in pieces {
            switch piece {
            case .text(let text): out += text
            case .field(let field): out += Self.value(field, of: ticket)
            }
        }
        return Data(out.utf8)
    }

    private static func value(_ field: String, of ticket: Ticket) -> String {
        switch field {
        case "id": return inner(ticket.id)
        case "channel": return inner(ticket.channel)
        case "plan": return inner(ticket.plan)
        case "customer": return inner(ticket.customer)
        case "subject": return inner(ticket.subject ?? "")
        case "subject_json": return ticket.subject.map(quoted) ?? "null"
        case "messages_json": return messagesJSON(ticket.messages)
        default:
            var writer = JSONWriter()
            writer.object { w in
                w.field("id", ticket.id)
                w.field("channel", ticket.channel)
                w.field("plan", ticket.plan)
                w.field("customer", ticket.customer)
                w.field("subject", ticket.subject)
                w.key("messages")
                w.array { list in
                    for message in ticket.messages {
                        list.object { m in
                            m.field("role", message.role.rawValue)
                            m.field("text", message.text)
                        }
                    }
                }
            }
            return writer.string
        }
    }

    private static func quoted(_ text: String) -> String {
        var writer = JSONWriter()
        writer.value(text)
        return writer.string
    }

    private static func inner(_ text: String) -> String { String(quoted(text).dropFirst().dropLast()) }

    private static func messagesJSON(_ messages: [Message]) -> String {
        var writer = JSONWriter()
        writer.array { list in
            for message in messages {
                list.object { m in
                    m.field("role", message.role.rawValue)
                    m.field("text", message.text)
                }
            }
        }
        return writer.string
    }
}
