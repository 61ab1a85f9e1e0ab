import Testing
@testable import TriageEngine

/// ``JSONWriter`` writes runs of plain bytes in bulk and tracks commas with one flag; the writer it was
/// before (a stack of flags, one escape test per byte) is kept here as the reference it must match byte
/// for byte, on nested values and on edge and random strings.
@Suite("Fast JSON writer against its former self")
struct JSONWriterReferenceTests {
    /// The writer as it was, reduced to what these tests call.
    struct ReferenceWriter {
        var bytes: [UInt8] = []
        var first: [Bool] = []
        var string: String { String(decoding: bytes, as: UTF8.self) }

        mutating func object(_ body: (inout ReferenceWriter) -> Void) {
            separate(); bytes.append(UInt8(ascii: "{")); first.append(true); body(&self); first.removeLast(); bytes.append(UInt8(ascii: "}"))
        }
        mutating func array(_ body: (inout ReferenceWriter) -> Void) {
            separate(); bytes.append(UInt8(ascii: "[")); first.append(true); body(&self); first.removeLast(); bytes.append(UInt8(ascii: "]"))
        }
        mutating func key(_ name: String) {
            separate(); writeString(name); bytes.append(UInt8(ascii: ":"))
            if !first.isEmpty { first[first.count - 1] = true }
        }
        mutating func value(_ text: String) { separate(); writeString(text) }
        mutating func value(_ number: Int) { separate(); bytes.append(contentsOf: String(number).utf8) }
        mutating func value(_ flag: Bool) { separate(); bytes.append(contentsOf: (flag ? "true" : "false").utf8) }
        mutating func null() { separate(); bytes.append(contentsOf: "null".utf8) }
        mutating func separate() {
            guard !first.isEmpty else { return }
            if first[first.count - 1] { first[first.count - 1] = false } else { bytes.append(UInt8(ascii: ",")) }
        }
        mutating func writeString(_ text: String) {
            bytes.append(UInt8(ascii: "\""))
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

    /// A value to write with both writers.
    indirect enum Value {
        case text(String), number(Int), flag(Bool), null, list([Value]), object([(String, Value)])

        func write(_ writer: inout JSONWriter) {
            switch self {
            case let .text(text): writer.value(text)
            case let .number(number): writer.value(number)
            case let .flag(flag): writer.value(flag)
            case .null: writer.null()
            case let .list(values): writer.array { w in for value in values { value.write(&w) } }
            case let .object(fields): writer.object { w in for (key, value) in fields { w.key(key); value.write(&w) } }
            }
        }

        func write(_ writer: inout ReferenceWriter) {
            switch self {
            case let .text(text): writer.value(text)
            case let .number(number): writer.value(number)
            case let .flag(flag): writer.value(flag)
            case .null: writer.null()
            case let .list(values): writer.array { w in for value in values { value.write(&w) } }
            case let .object(fields): writer.object { w in for (key, value) in fields { w.key(key); value.write(&w) } }
            }
        }
    }

    @Test func everyEdgeStringIsWrittenAsBefore() {
        for text in EdgeTexts.all {
            var fast = JSONWriter()
            var reference = ReferenceWriter()
            Value.text(text).write(&fast)
            Value.text(text).write(&reference)
            #expect(fast.bytes == reference.bytes, "\(text.debugDescription)")
        }
    }

    /// The eight-byte test against a byte-by-byte one: every byte value at every position, among fillers
    /// that need no escape (ASCII, non-ASCII lead and continuation bytes).
    @Test func eightByteTestIsExact() {
        var checked = 0
        for filler: UInt8 in [0x61, 0x20, 0x7F, 0x80, 0xC3, 0xFF, 0x21, 0x23, 0x5B, 0x5D] {
            for position in 0..<8 {
                for byte in UInt8.min...UInt8.max {
                    var bytes = [UInt8](repeating: filler, count: 8)
                    bytes[position] = byte
                    let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                    let expected = bytes.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }
                    #expect(JSONWriter.needsEscape(word) == expected, "\(bytes)")
                    checked += 1
                }
            }
        }
        #expect(checked == 10 * 8 * 256)
    }

    @Test func nestedValuesTakeTheSameCommas() {
        let texts = EdgeTexts.random(64, seed: 7)
        let nested: [Value] = [
            .object([]), .list([]), .list([.list([]), .object([]), .null]),
            .object([("a", .list([.number(1), .object([("b", .object([]))]), .text(texts[0])])), ("c", .flag(true)), ("d", .null)]),
            .list((0..<40).map { index in index % 3 == 0 ? .object([("k\(index)", .text(texts[index])), ("n", .number(index))]) : .list([.text(texts[index]), .flag(index % 2 == 0)]) }),
            .object([(texts[1], .list([.list([.list([.text(texts[2])])]), .number(-3)])), (texts[3], .object([(texts[4], .object([(texts[5], .null)]))]))]),
        ]
        for value in nested {
            var fast = JSONWriter()
            var reference = ReferenceWriter()
            value.write(&fast)
            value.write(&reference)
            #expect(fast.string == reference.string)
        }
    }

    @Test func valuesSideBySideAtTheTopTakeNoComma() {
        // Two values side by side at the top, as the reference wrote them (no comma outside a container).
        var fast = JSONWriter()
        var reference = ReferenceWriter()
        for value in [Value.text("a"), .object([("x", .number(1))]), .list([.null])] {
            value.write(&fast)
            value.write(&reference)
        }
        #expect(fast.string == reference.string)
        #expect(fast.string == #""a"{"x":1}[null]"#)
    }
}
