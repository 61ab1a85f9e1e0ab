/// A support ticket: who wrote, on which channel and plan, and the conversation so far.
///
/// Channel and plan are names from the policy's taxonomy (`rules/taxonomy.yaml`), not Swift enums: the
/// domain lives in data.
public struct Ticket: Sendable, Codable, Equatable {
    /// An identifier for logs and stored results; never shown to the customer.
    public var id: String
    /// The channel name, e.g. the taxonomy's `email`.
    public var channel: String
    /// The customer's plan name.
    public var plan: String
    /// The customer's display name ("Priya N.").
    public var customer: String
    /// The subject line, when the channel has one.
    public var subject: String?
    /// The conversation in order; the first message is the customer's.
    public var messages: [Message]

    /// Creates a ticket.
    public init(id: String, channel: String, plan: String, customer: String, subject: String? = nil, messages: [Message]) {
        self.id = id
        self.channel = channel
        self.plan = plan
        self.customer = customer
        self.subject = subject
        self.messages = messages
    }

    /// Whether an agent has already replied (which makes the pipeline run stage 2).
    public var hasAgentReply: Bool { messages.contains { $0.role == .agent } }

    /// The customer's first name for greetings ("Priya" from "Priya N."); empty when unknown.
    public var customerFirstName: String {
        var name = customer
        if let word = name.withUTF8(Self.asciiFirstWord) { return word }
        return Self.firstWord(customer)
    }

    /// The first whitespace-separated word of a text, Character by Character (any text).
    static func firstWord(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).first.map(String.init) ?? ""
    }

    /// ``firstWord(_:)`` from the UTF-8 bytes when the leading whitespace and the first word are ASCII (the
    /// ASCII whitespace characters are tab, line feed, vertical tab, form feed, carriage return and space;
    /// an ASCII letter never joins a following ASCII byte into one Character, and whatever follows the word's
    /// ASCII end does not change it); nil when a non-ASCII byte comes first, so the caller falls back.
    static func asciiFirstWord(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        var start = 0
        while start < bytes.count && isSpace(bytes[start]) { start += 1 }
        var end = start
        while end < bytes.count && !isSpace(bytes[end]) {
            if bytes[end] >= 0x80 { return nil }
            end += 1
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }
}

import Foundation
