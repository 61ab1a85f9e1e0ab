/// A small, fast JSON writer for hot paths (storing a decision per result). Its output decodes with
/// `JSONDecoder` into the same value the type's `Codable` conformance gives (tests check the round trip).
public struct JSONWriter: Sendable {
    /// The UTF-8 bytes written so far.
    public private(set) var bytes: [UInt8] = []
    /// How many objects and arrays are open.
    private var depth = 0
    /// Whether the next element of the innermost open object or array is its first (or a key's value), so
    /// takes no comma. One flag serves every level: when a nested value closes, its parent has had an
    /// element, so the parent's next one always takes a comma.
    private var atFirst = false

    /// Creates an empty writer.
    public init(capacity: Int = 512) { bytes.reserveCapacity(capacity) }

    /// The output as a string.
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Writes an object; `body` writes its fields.
    public mutating func object(_ body: (inout JSONWriter) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "{"))
        depth += 1
        atFirst = true
        body(&self)
        depth -= 1
        atFirst = false
        bytes.append(UInt8(ascii: "}"))
    }

    /// Writes an array; `body` writes its elements.
    public mutating func array(_ body: (inout JSONWriter) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "["))
        depth += 1
        atFirst = true
        body(&self)
        depth -= 1
        atFirst = false
        bytes.append(UInt8(ascii: "]"))
    }

    /// Writes a key inside an object; the next value written is its value.
    public mutating func key(_ name: String) {
        separate()
        writeString(name)
        bytes.append(UInt8(ascii: ":"))
        if depth > 0 { atFirst = true }  // the value that follows needs no comma
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
        guard depth > 0 else { return }
        if atFirst { atFirst = false } else { bytes.append(UInt8(ascii: ",")) }
    }

    private mutating func writeString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        // Runs of bytes that need no escape are copied in one append each (a byte-by-byte append was a tenth
        // of a result write, and a reply holds line breaks, so whole-string copies alone rarely applied).
        var text = text
        text.withUTF8 { utf8 in
            var runStart = 0
            var index = 0
            while index < utf8.count {
                // Eight bytes at a time while none needs an escape (each test is exact for "any byte").
                if index + 8 <= utf8.count && !Self.needsEscape(UnsafeRawPointer(utf8.baseAddress! + index).loadUnaligned(as: UInt64.self)) {
                    index += 8
                    continue
                }
                let byte = utf8[index]
                if byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") {
                    index += 1
                    continue
                }
                if runStart < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
                appendEscaped(byte)
                index += 1
                runStart = index
            }
            if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Whether any of eight bytes is below 0x20, a quote or a backslash (SWAR: a byte below `n` sets its
    /// high bit in `(x - n·0x01…) & ~x & 0x80…`, a byte equal to `c` is a zero byte of `x ^ c·0x01…`; a
    /// borrow can only mark a higher byte after a lower one already matched, so the answer for "any" is exact).
    static func needsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
        let control = (word &- ones &* 0x20) & ~word & highs != 0
        return control || hasZero(word ^ (ones &* 0x22)) || hasZero(word ^ (ones &* 0x5C))
    }

    /// The escape of one byte that JSON does not allow raw in a string.
    private mutating func appendEscaped(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\\")); bytes.append(byte)
        case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\")); bytes.append(byte)
        case 0x0A: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "t"))
        default:
            let hex = Array("0123456789abcdef".utf8)
            bytes.append(contentsOf: "\\u00".utf8)
            bytes.append(hex[Int(byte >> 4)])
            bytes.append(hex[Int(byte & 0xF)])
        }
    }
}
