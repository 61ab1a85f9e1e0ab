/// A small, fast JSON writer for hot paths (storing a decision per result). Its output decodes with
/// `JSONDecoder` into the same value the type's `Codable` conformance gives (tests check the round trip).
public struct JSONWriter: Sendable {
    /// The UTF-8 bytes written so far.
    public private(set) var bytes: [UInt8] = []
    private var first: [Bool] = []

    /// Creates an empty writer.
    public init(capacity: Int = 512) { bytes.reserveCapacity(capacity) }

    /// The output as a string.
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Writes an object; `body` writes its fields.
    public mutating func object(_ body: (inout JSONWriter) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "{"))
        first.append(true)
        body(&self)
        first.removeLast()
        bytes.append(UInt8(ascii: "}"))
    }

    /// Writes an array; `body` writes its elements.
    public mutating func array(_ body: (inout JSONWriter) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "["))
        first.append(true)
        body(&self)
        first.removeLast()
        bytes.append(UInt8(ascii: "]"))
    }

    /// Writes a key inside an object; the next value written is its value.
    public mutating func key(_ name: String) {
        separate()
        writeString(name)
        bytes.append(UInt8(ascii: ":"))
        if !first.isEmpty { first[first.count - 1] = true }  // the value that follows needs no comma
    }

    /// Writes a string value.
    public mutating func value(_ text: String) { separate(); writeString(text) }
    /// Writes a number value (non-finite numbers are written as 0).
    public mutating func value(_ number: Double) {
        separate()
        if number.isFinite {
            if number == number.rounded(), abs(number) < 1e15 { bytes.append(contentsOf: String(Int(number)).utf8) } else { bytes.append(contentsOf: number.description.utf8) }
        } else {
            bytes.append(UInt8(ascii: "0"))
        }
    }
    /// Writes `null`.
    public mutating func null() { separate(); bytes.append(contentsOf: "null".utf8) }
    /// Writes an integer value.
    public mutating func value(_ number: Int) { separate(); bytes.append(contentsOf: String(number).utf8) }
    /// Writes a boolean value.
    public mutating func value(_ flag: Bool) { separate(); bytes.append(contentsOf: (flag ? "true" : "false").utf8) }
    /// Writes an array of strings.
    public mutating func value(_ texts: [String]) { array { writer in for text in texts { writer.value(text) } } }

    /// Writes `"key": value` when the value is present.
    public mutating func field(_ name: String, _ text: String?) { if let text { key(name); value(text) } }
    /// Writes `"key": number` when present.
    public mutating func field(_ name: String, _ number: Double?) { if let number { key(name); value(number) } }
    /// Writes `"key": flag`.
    public mutating func field(_ name: String, _ flag: Bool) { key(name); value(flag) }
    /// Writes `"key": [strings]`.
    public mutating func field(_ name: String, _ texts: [String]) { key(name); value(texts) }

    private mutating func separate() {
        guard !first.isEmpty else { return }
        if first[first.count - 1] { first[first.count - 1] = false } else { bytes.append(UInt8(ascii: ",")) }
    }

    private mutating func writeString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        // Most strings need no escape: copy their UTF-8 in one append (a byte-by-byte append was a tenth of a
        // result write). The bytes are the same either way.
        var text = text
        let copied = text.withUTF8 { utf8 -> Bool in
            guard !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else { return false }
            bytes.append(contentsOf: utf8)
            return true
        }
        if copied {
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\\")); bytes.append(byte)
            case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\")); bytes.append(byte)
            case 0x0A: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "t"))
            case 0..<0x20:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: "\\u00".utf8)
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0xF)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
