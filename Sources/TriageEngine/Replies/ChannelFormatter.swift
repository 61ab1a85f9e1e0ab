import Foundation

/// Lays a drafted reply out for its channel: email with greeting, paragraphs and signature; chat without
/// markdown headings, split into messages of at most the channel's limit; plain text without markdown.
/// Internal ids matching the templates' redaction patterns are removed from every reply.
public struct ChannelFormatter: Sendable {
    /// The taxonomy holding channel styles and limits.
    public let taxonomy: Taxonomy
    /// Patterns to redact.
    public let redactions: PatternSet

    /// Creates a formatter.
    public init(taxonomy: Taxonomy, redactions: PatternSet) {
        self.taxonomy = taxonomy
        self.redactions = redactions
    }

    /// Formats a draft for a channel.
    public func format(_ draft: ReplyDraft, channel: String) -> Reply {
        let spec = taxonomy.channel(named: channel) ?? Taxonomy.Channel(name: channel, style: .plain, maxMessageChars: 100_000)
        let paragraphs = draft.paragraphs.map { redact(clean($0, style: spec.style)) }.filter { !$0.isEmpty }
        switch spec.style {
        case .email:
            let text = ([draft.greeting] + paragraphs + [draft.signature]).filter { !$0.isEmpty }.joined(separator: "\n\n")
            return Reply(text: text, parts: [text])
        case .plain:
            let text = ([draft.greeting] + paragraphs + [Self.joiningLines(draft.signature)])
                .filter { !$0.isEmpty }.joined(separator: "\n\n")
            return Reply(text: text, parts: [text])
        case .chat:
            let body = ([draft.greeting] + paragraphs).filter { !$0.isEmpty }.joined(separator: "\n\n")
            let parts = Self.split(body, limit: spec.maxMessageChars)
            return Reply(text: parts.joined(separator: "\n\n"), parts: parts)
        }
    }

    /// Strips markdown a channel cannot show: headings become plain lines; emphasis markers (`**`, `__`,
    /// backticks) go on chat and plain. Text without those characters is returned trimmed, untouched.
    func clean(_ text: String, style: ReplyStyle) -> String {
        let hasMarkup = text.utf8.contains { $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "`") }
        guard hasMarkup else { return Self.trimmed(text) }
        var lines: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var value = line
            let trimmed = value.drop { $0 == " " }
            if trimmed.hasPrefix("#") { value = trimmed.drop { $0 == "#" }.drop { $0 == " " } }
            lines.append(value)
        }
        var result = lines.joined(separator: "\n")
        if style != .email {
            var output = ""
            output.reserveCapacity(result.utf8.count)
            var pendingMarker: Character?
            for character in result {
                if character == "`" { continue }
                if character == "*" || character == "_" {
                    if pendingMarker == character { pendingMarker = nil; continue }
                    if let marker = pendingMarker { output.append(marker) }
                    pendingMarker = character
                    continue
                }
                if let marker = pendingMarker { output.append(marker); pendingMarker = nil }
                output.append(character)
            }
            if let marker = pendingMarker { output.append(marker) }
            result = output
        }
        return Self.trimmed(result)
    }

    /// The text with every line feed replaced by a space, as Foundation's `replacingOccurrences(of: "\n",
    /// with: " ")` gives it; bytes are rewritten directly when the text is ASCII without carriage returns
    /// (no line feed there can be part of a longer Character), the rest goes through Foundation.
    static func joiningLines(_ text: String) -> String {
        var text = text
        let joined = text.withUTF8 { bytes -> String? in
            guard bytes.contains(0x0A) else { return nil }
            guard !bytes.contains(where: { $0 >= 0x80 || $0 == 0x0D }) else { return nil }
            return String(unsafeUninitializedCapacity: bytes.count) { buffer in
                for (index, byte) in bytes.enumerated() { buffer[index] = byte == 0x0A ? 0x20 : byte }
                return bytes.count
            }
        }
        if let joined { return joined }
        return text.utf8.contains(0x0A) ? text.replacingOccurrences(of: "\n", with: " ") : text
    }

    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        if first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) { return text }
        return String(scalars[first...last])
    }

    func redact(_ text: String) -> String {
        let result = redactions.removing(from: text)
        guard result.utf8.count != text.utf8.count else { return text }
        var collapsed = ""
        var previousSpace = false
        for character in result {
            if character == " " { if previousSpace { continue }; previousSpace = true } else { previousSpace = false }
            collapsed.append(character)
        }
        return collapsed
    }

    /// Splits text into parts of at most `limit` characters, at paragraph, then sentence, then word breaks.
    public static func split(_ text: String, limit: Int) -> [String] {
        guard text.count > limit else { return [text] }
        var parts: [String] = []
        var current = ""
        func push(_ piece: String, separator: String) {
            if current.isEmpty { current = piece } else if current.count + separator.count + piece.count <= limit {
                current += separator + piece
            } else {
                parts.append(current)
                current = piece
            }
        }
        for paragraph in text.components(separatedBy: "\n\n") {
            if paragraph.count <= limit { push(paragraph, separator: "\n\n"); continue }
            for sentence in sentences(paragraph) {
                if sentence.count <= limit { push(sentence, separator: " "); continue }
                for word in sentence.split(separator: " ").map(String.init) {
                    var rest = word
                    while rest.count > limit {
                        push(String(rest.prefix(limit)), separator: " ")
                        rest = String(rest.dropFirst(limit))
                    }
                    push(rest, separator: " ")
                }
            }
        }
        if !current.isEmpty { parts.append(current) }
        return parts
    }

    static func sentences(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        var previous: Character = " "
        for character in text {
            if character == " " && (previous == "." || previous == "!" || previous == "?") {
                result.append(current)
                current = ""
            } else {
                current.append(character)
            }
            previous = character
        }
        if !current.isEmpty { result.append(current) }
        return result
    }
}
