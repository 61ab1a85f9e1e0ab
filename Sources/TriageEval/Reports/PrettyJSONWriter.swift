/// Writes JSON byte for byte as Foundation's `JSONEncoder` does with `[.prettyPrinted, .sortedKeys,
/// .withoutEscapingSlashes]` (two-space indents, `"key" : value`, empty containers as `[` newline newline `]`),
/// for values written in sorted key order: the streamed JSON report's lines, without an encoder per line.
/// Tests compare its output with `JSONEncoder`'s.
struct PrettyJSONWriter {
    /// The UTF-8 bytes written so far (``take()`` hands them over and empties the buffer).
    private(set) var bytes: [UInt8] = []
    /// Indentation levels outside the first container written (its enclosing report).
    private let base: Int
    /// Values written so far in each open container, innermost last.
    private var counts: [Int]
    /// Whether a key was just written, so the next value follows it on the same line.
    private var afterKey = false

    /// A writer whose values are elements of a container already open `base` levels deep (`base` 0: a document).
    init(elementsAt base: Int = 0, capacity: Int = 1 << 16) {
        self.base = max(0, base - 1)
        counts = base > 0 ? [0] : []
        bytes.reserveCapacity(capacity)
    }

    /// Elements written into the outer container so far.
    var elements: Int { counts.first ?? 0 }

    /// Hands over the bytes written so far and empties the buffer.
    mutating func take() -> [UInt8] {
        defer { bytes.removeAll(keepingCapacity: true) }
        return bytes
    }

    /// Writes the lone newline an empty container holds between its brackets (when its elements were streamed).
    mutating func newlineOnly() { bytes.append(0x0A) }

    /// Writes an object; `body` writes its keys, in sorted order, each followed by its value.
    mutating func object(_ body: (inout PrettyJSONWriter) -> Void) { container(open: "{", close: "}", body) }

    /// Writes an array; `body` writes its elements.
    mutating func array(_ body: (inout PrettyJSONWriter) -> Void) { container(open: "[", close: "]", body) }

    /// Writes a key; the value written next is its value.
    mutating func key(_ name: String) {
        separate()
        writeString(name)
        bytes.append(contentsOf: [0x20, UInt8(ascii: ":"), 0x20])
        afterKey = true
    }

    /// Writes a string.
    mutating func value(_ text: String) { beginValue(); writeString(text) }
    /// Writes an integer.
    mutating func value(_ number: Int) { beginValue(); bytes.append(contentsOf: String(number).utf8) }
    /// Writes a boolean.
    mutating func value(_ flag: Bool) { beginValue(); bytes.append(contentsOf: (flag ? "true" : "false").utf8) }
    /// Writes a finite number as `JSONEncoder` does: its description without a trailing `.0`.
    mutating func value(_ number: Double) {
        beginValue()
        var text = number.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    /// Writes `"key" : text` when the text is present (a synthesized encoder leaves nil out).
    mutating func field(_ name: String, _ text: String?) { if let text { key(name); value(text) } }

    private mutating func container(open: Character, close: Character, _ body: (inout PrettyJSONWriter) -> Void) {
        beginValue()
        bytes.append(open.asciiValue!)
        counts.append(0)
        body(&self)
        if counts.removeLast() == 0 { bytes.append(0x0A) }
        newline()
        bytes.append(close.asciiValue!)
    }

    private mutating func beginValue() {
        if afterKey { afterKey = false; return }
        separate()
    }

    private mutating func separate() {
        guard !counts.isEmpty else { return }
        if counts[counts.count - 1] > 0 { bytes.append(UInt8(ascii: ",")) }
        counts[counts.count - 1] += 1
        newline()
    }

    /// A newline and the spaces of the deepest indentation written from a slice of it (one copy, not a byte at a time).
    private static let indentation: [UInt8] = [0x0A] + Array(repeating: 0x20, count: 64)

    private mutating func newline() {
        let width = 1 + 2 * (base + counts.count)
        if width <= Self.indentation.count {
            bytes.append(contentsOf: Self.indentation[..<width])
        } else {
            bytes.append(0x0A)
            bytes.append(contentsOf: repeatElement(0x20, count: width - 1))
        }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Writes a string in quotes, escaped as `JSONEncoder` escapes it; the runs of bytes that need no escape
    /// (all of most strings) are copied whole.
    private mutating func writeString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                if start < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index])) }
                writeEscape(byte)
                start = index + 1
            }
            if start < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...])) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Writes the escape of a quote, a backslash or a control character.
    private mutating func writeEscape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\")); bytes.append(byte)
        case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
        case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
        case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
        case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
        case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
        default:
            bytes.append(contentsOf: "\\u00".utf8)
            bytes.append(Self.hex[Int(byte >> 4)])
            bytes.append(Self.hex[Int(byte & 0xF)])
        }
    }
}
