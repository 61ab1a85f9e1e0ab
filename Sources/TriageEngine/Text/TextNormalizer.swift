import Foundation

/// Undoes the disguises customers (or attackers) put on words before prompt-injection phrases are matched:
/// compatibility forms (fullwidth `ｉｇｎｏｒｅ`, mathematical `𝐢𝐠𝐧𝐨𝐫𝐞`), invisible format characters
/// (zero-width spaces, soft hyphens), look-alike letters from other scripts (Cyrillic `о` for Latin `o`),
/// leetspeak inside words (`1gn0r3`), and line breaks, tabs and punctuation inside a phrase.
///
/// The confusable and leetspeak tables are data (`injection_normalization` in `rules/lexicon.yaml`). The
/// result is for matching only: it is never shown, stored or classified.
public struct TextNormalizer: Sendable, Equatable {
    /// Look-alike scalars and the Latin text they stand for.
    public var confusables: [Unicode.Scalar: String]
    /// Digits and symbols that stand for a letter inside a word (`0` for `o`).
    public var leetspeak: [Unicode.Scalar: Unicode.Scalar] { didSet { asciiLeet = Self.asciiTable(leetspeak) } }
    /// ``leetspeak`` for ASCII bytes (0: none), or nil when an ASCII key stands for a non-ASCII scalar; kept
    /// in step with ``leetspeak`` for the ASCII fast path of ``words(_:)``.
    private var asciiLeet: [UInt8]?

    /// Creates a normalizer; with empty tables it still applies compatibility forms, drops invisible
    /// characters, lowercases and collapses separators.
    public init(confusables: [Unicode.Scalar: String] = [:], leetspeak: [Unicode.Scalar: Unicode.Scalar] = [:]) {
        self.confusables = confusables
        self.leetspeak = leetspeak
        asciiLeet = Self.asciiTable(leetspeak)
    }

    /// Equal when the tables are (the ASCII table is derived from them).
    public static func == (lhs: TextNormalizer, rhs: TextNormalizer) -> Bool {
        lhs.confusables == rhs.confusables && lhs.leetspeak == rhs.leetspeak
    }

    /// The text as lowercase words separated by single spaces, disguises undone.
    public func normalize(_ text: String) -> String { words(text).joined(separator: " ") }

    /// The text as lowercase, accent-folded words, disguises undone: what injection phrases are matched
    /// against, one clause for the whole text (line breaks and punctuation do not split a phrase).
    ///
    /// One pass over the scalars with no per-word arrays; compatibility forms are decomposed per scalar, and
    /// only in the blocks that hold them, so ordinary text (ASCII or not) pays no normalisation call.
    public func words(_ text: String) -> [String] {
        if let asciiLeet, let words = Self.asciiWords(text, leet: asciiLeet) { return words }
        return scalarWords(text)
    }

    /// ``words(_:)`` scalar by scalar, for any text (the ASCII fast path must give exactly these words).
    func scalarWords(_ text: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        var hasLetter = false
        var hasLeet = false
        func flush() {
            guard !current.isEmpty else { return }
            if hasLeet {
                var mapped = String.UnicodeScalarView()
                for scalar in current {
                    if hasLetter, let letter = leetspeak[scalar] { mapped.append(letter) } else { mapped.append(scalar) }
                }
                current = mapped
            }
            words.append(String(current))
            current = String.UnicodeScalarView()
            hasLetter = false
            hasLeet = false
        }
        func add(_ scalar: Unicode.Scalar, decomposing: Bool) {
            let value = scalar.value
            if value < 0x80 {
                if (0x61...0x7A).contains(value) { current.append(scalar); hasLetter = true }
                else if (0x41...0x5A).contains(value) { current.append(Unicode.Scalar(value + 32)!); hasLetter = true }
                else if (0x30...0x39).contains(value) { current.append(scalar); if leetspeak[scalar] != nil { hasLeet = true } }
                else if value == 0x27 { current.append(scalar) }
                else if leetspeak[scalar] != nil { current.append(scalar); hasLeet = true }
                else { flush() }
                return
            }
            if decomposing && Self.isCompatibilityBlock(value) {
                for part in String(scalar).precomposedStringWithCompatibilityMapping.unicodeScalars { add(part, decomposing: false) }
                return
            }
            let properties = scalar.properties
            switch properties.generalCategory {
            case .format, .nonspacingMark, .enclosingMark: return  // invisible characters and combining accents
            default: break
            }
            if properties.isDefaultIgnorableCodePoint { return }
            if let replacement = confusables[scalar] {
                current.append(contentsOf: replacement.lowercased().unicodeScalars)
                hasLetter = true
            } else if value == 0x2019 || value == 0x2018 {
                current.append("'")
            } else if properties.isAlphabetic || properties.generalCategory == .decimalNumber || properties.generalCategory == .spacingMark {
                for folded in TextAnalyzer.fold(scalar) { current.append(folded) }
                if properties.isAlphabetic { hasLetter = true }
            } else {
                flush()
            }
        }
        for scalar in text.unicodeScalars { add(scalar, decomposing: true) }
        flush()
        return words
    }

    /// ``words(_:)`` of an all-ASCII text, byte by byte with the same rules (letters lowercased, digits,
    /// apostrophes and leetspeak symbols kept in a word, leetspeak mapped in words holding a letter, anything
    /// else a separator); nil when the text holds a non-ASCII byte.
    static func asciiWords(_ text: String, leet: [UInt8]) -> [String]? {
        guard let (bytes, ranges) = asciiWordBytes(text, leet: leet) else { return nil }
        return bytes.withUnsafeBufferPointer { buffer in
            ranges.map { String(decoding: UnsafeBufferPointer(rebasing: buffer[$0]), as: UTF8.self) }
        }
    }

    /// The words of ``asciiWords(_:leet:)`` as ranges of one byte array (all ASCII), without a string per
    /// word; nil when the text holds a non-ASCII byte.
    static func asciiWordBytes(_ text: String, leet: [UInt8]) -> (bytes: [UInt8], ranges: [Range<Int>])? {
        var text = text
        return text.withUTF8 { bytes -> ([UInt8], [Range<Int>])? in
            for byte in bytes where byte >= 0x80 { return nil }
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count)
            var ranges: [Range<Int>] = []
            var start = 0
            var hasLetter = false
            var hasLeet = false
            func flush() {
                guard output.count > start else { return }
                if hasLeet && hasLetter {
                    for index in start..<output.count where leet[Int(output[index])] != 0 { output[index] = leet[Int(output[index])] }
                }
                ranges.append(start..<output.count)
                start = output.count
                hasLetter = false
                hasLeet = false
            }
            for byte in bytes {
                switch byte {
                case 0x61...0x7A: output.append(byte); hasLetter = true
                case 0x41...0x5A: output.append(byte + 32); hasLetter = true
                case 0x30...0x39: output.append(byte); if leet[Int(byte)] != 0 { hasLeet = true }
                case 0x27: output.append(byte)
                default:
                    if leet[Int(byte)] != 0 { output.append(byte); hasLeet = true } else { flush() }
                }
            }
            flush()
            return (output, ranges)
        }
    }

    /// The ASCII words of a text by bytes (see ``asciiWordBytes(_:leet:)``), when the leetspeak table has an
    /// ASCII form and the text is ASCII; nil otherwise (then ``words(_:)`` is the way).
    func asciiWordBytes(_ text: String) -> (bytes: [UInt8], ranges: [Range<Int>])? {
        guard let asciiLeet else { return nil }
        return Self.asciiWordBytes(text, leet: asciiLeet)
    }

    /// The leetspeak table as 128 bytes (0 where an ASCII byte has no entry); nil when an ASCII key maps to a
    /// non-ASCII scalar or to NUL (the byte path cannot write those).
    static func asciiTable(_ leetspeak: [Unicode.Scalar: Unicode.Scalar]) -> [UInt8]? {
        var table = [UInt8](repeating: 0, count: 128)
        for (key, value) in leetspeak where key.value < 0x80 {
            guard value.value < 0x80, value.value != 0 else { return nil }
            table[Int(key.value)] = UInt8(value.value)
        }
        return table
    }

    /// Blocks whose letters and digits have compatibility decompositions worth undoing: letterlike symbols,
    /// number forms and enclosed alphanumerics, super- and subscripts, ligatures, fullwidth forms,
    /// mathematical alphanumerics and enclosed supplements.
    static func isCompatibilityBlock(_ value: UInt32) -> Bool {
        (0x2070...0x209F).contains(value) || (0x2100...0x24FF).contains(value) || (0xFB00...0xFB4F).contains(value)
            || (0xFF00...0xFFEF).contains(value) || (0x1D400...0x1D7FF).contains(value) || (0x1F100...0x1F1FF).contains(value)
            || value == 0xAA || value == 0xBA || (0xB2...0xB9).contains(value)
    }
}
