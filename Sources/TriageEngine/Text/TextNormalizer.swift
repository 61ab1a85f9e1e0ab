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
    public var leetspeak: [Unicode.Scalar: Unicode.Scalar]

    /// Creates a normalizer; with empty tables it still applies compatibility forms, drops invisible
    /// characters, lowercases and collapses separators.
    public init(confusables: [Unicode.Scalar: String] = [:], leetspeak: [Unicode.Scalar: Unicode.Scalar] = [:]) {
        self.confusables = confusables
        self.leetspeak = leetspeak
    }

    /// The text as lowercase words separated by single spaces, disguises undone.
    public func normalize(_ text: String) -> String {
        var source = text
        if !text.utf8.allSatisfy({ $0 < 0x80 }) {
            source = text.precomposedStringWithCompatibilityMapping
        }
        // Pass 1: invisible characters out, look-alikes mapped, everything else but letters, digits,
        // apostrophes and leetspeak symbols becomes a separator.
        var chunks: [[Unicode.Scalar]] = []
        var chunk: [Unicode.Scalar] = []
        func endChunk() {
            if !chunk.isEmpty { chunks.append(chunk); chunk.removeAll(keepingCapacity: true) }
        }
        for scalar in source.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                if (0x61...0x7A).contains(value) || (0x30...0x39).contains(value) || value == 0x27 {
                    chunk.append(scalar)
                } else if (0x41...0x5A).contains(value) {
                    chunk.append(Unicode.Scalar(value + 32)!)
                } else if leetspeak[scalar] != nil {
                    chunk.append(scalar)
                } else {
                    endChunk()
                }
                continue
            }
            let properties = scalar.properties
            if properties.generalCategory == .format || properties.isDefaultIgnorableCodePoint { continue }
            if let replacement = confusables[scalar] {
                chunk.append(contentsOf: replacement.lowercased().unicodeScalars)
            } else if properties.isAlphabetic || properties.generalCategory == .decimalNumber || properties.generalCategory.isMark {
                chunk.append(contentsOf: properties.lowercaseMapping.unicodeScalars)
            } else if value == 0x2019 || value == 0x2018 {
                chunk.append("'")
            } else {
                endChunk()
            }
        }
        endChunk()
        // Pass 2: leetspeak only inside chunks that hold a letter ("2024" and "$20" stay as they are).
        var result = String.UnicodeScalarView()
        for chunk in chunks {
            let hasLetter = chunk.contains { $0.properties.isAlphabetic }
            var word = String.UnicodeScalarView()
            for scalar in chunk {
                if hasLetter, let letter = leetspeak[scalar] {
                    word.append(letter)
                } else {
                    word.append(scalar)
                }
            }
            guard !word.isEmpty else { continue }
            if !result.isEmpty { result.append(" ") }
            result.append(contentsOf: word)
        }
        return String(result)
    }
}

private extension Unicode.GeneralCategory {
    /// Whether the category is one of the three mark categories.
    var isMark: Bool { self == .nonspacingMark || self == .spacingMark || self == .enclosingMark }
}
