import Foundation

/// Checks that bytes are one complete JSON text (RFC 8259, plus the trailing comma Foundation's decoder takes) without building any value: what the transport
/// asks of every 2xx answer it was told is JSON, to retry a body cut short. ``JSONValue/parse(_:)`` decoded the
/// whole answer for that, and the provider then decoded it again; at one check per model call that was a
/// tenth of a shard's CPU.
enum JSONSyntax {
    /// Whether `data` is one JSON value with only whitespace around it, in valid UTF-8.
    static func isValid(_ data: Data) -> Bool {
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard String(validating: bytes, as: UTF8.self) != nil else { return false }
            var scanner = Scanner(bytes: bytes)
            return scanner.document()
        }
    }

    /// A cursor over the bytes with an explicit stack, so hostile nesting costs memory, not the call stack.
    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        /// Whether the container being scanned is an object (true) or an array (false).
        private var stack: [Bool] = []

        mutating func document() -> Bool {
            skipWhitespace()
            guard value() else { return false }
            skipWhitespace()
            return index == bytes.count
        }

        /// One value; containers are walked iteratively with `stack`.
        private mutating func value() -> Bool {
            while true {
                skipWhitespace()
                guard index < bytes.count else { return false }
                switch bytes[index] {
                case UInt8(ascii: "{"):
                    index += 1
                    skipWhitespace()
                    if peek(UInt8(ascii: "}")) { index += 1; break }
                    stack.append(true)
                    guard key() else { return false }
                    continue
                case UInt8(ascii: "["):
                    index += 1
                    skipWhitespace()
                    if peek(UInt8(ascii: "]")) { index += 1; break }
                    stack.append(false)
                    continue
                case UInt8(ascii: "\""):
                    guard string() else { return false }
                case UInt8(ascii: "t"): guard literal("true") else { return false }
                case UInt8(ascii: "f"): guard literal("false") else { return false }
                case UInt8(ascii: "n"): guard literal("null") else { return false }
                default: guard number() else { return false }
                }
                // A value ended: close containers or move to the next element.
                while let isObject = stack.last {
                    skipWhitespace()
                    guard index < bytes.count else { return false }
                    let byte = bytes[index]
                    index += 1
                    let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
                    if byte == UInt8(ascii: ",") {
                        // Foundation's decoder takes one trailing comma ("[1,]"), and so does this check.
                        skipWhitespace()
                        if peek(close) {
                            index += 1
                            stack.removeLast()
                            continue
                        }
                        if isObject { guard key() else { return false } }
                        break
                    }
                    guard byte == close else { return false }
                    stack.removeLast()
                }
                if stack.isEmpty { return true }
            }
        }

        /// `"key" :` inside an object.
        private mutating func key() -> Bool {
            skipWhitespace()
            guard peek(UInt8(ascii: "\"")), string() else { return false }
            skipWhitespace()
            guard peek(UInt8(ascii: ":")) else { return false }
            index += 1
            return true
        }

        private func peek(_ byte: UInt8) -> Bool { index < bytes.count && bytes[index] == byte }

        private mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        private mutating func literal(_ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard bytes.count - index >= count else { return false }
            for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return false }
            index += count
            return true
        }

        /// A string from its opening quote: no raw control characters, only the escapes JSON has, and a
        /// `\u` high surrogate followed by its low one.
        private mutating func string() -> Bool {
            index += 1
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\""): return true
                case 0x00..<0x20: return false
                case UInt8(ascii: "\\"):
                    guard index < bytes.count else { return false }
                    let escape = bytes[index]
                    index += 1
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                         UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                        continue
                    case UInt8(ascii: "u"):
                        guard let unit = hex4() else { return false }
                        if (0xD800..<0xDC00).contains(unit) {
                            guard bytes.count - index >= 6, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else { return false }
                            index += 2
                            guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return false }
                        } else if (0xDC00..<0xE000).contains(unit) {
                            return false
                        }
                    default: return false
                    }
                default: continue
                }
            }
            return false
        }

        private mutating func hex4() -> UInt16? {
            guard bytes.count - index >= 4 else { return nil }
            var unit: UInt16 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: return nil
                }
                unit = unit << 4 | UInt16(digit)
                index += 1
            }
            return unit
        }

        /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
        private mutating func number() -> Bool {
            if peek(UInt8(ascii: "-")) { index += 1 }
            guard index < bytes.count else { return false }
            if bytes[index] == UInt8(ascii: "0") {
                index += 1
            } else {
                guard digits() else { return false }
            }
            if peek(UInt8(ascii: ".")) {
                index += 1
                guard digits() else { return false }
            }
            if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
                index += 1
                if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { index += 1 }
                guard digits() else { return false }
            }
            return true
        }

        /// One or more decimal digits.
        private mutating func digits() -> Bool {
            let start = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            return index > start
        }
    }
}
