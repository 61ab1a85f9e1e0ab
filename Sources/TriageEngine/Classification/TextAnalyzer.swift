/// Splits text into lowercase words with clause and sentence numbers, so that phrase matching respects word
/// boundaries, negation never crosses punctuation, and a whole sentence can be set aside.
///
/// Accents are folded (`contraseña` → `contrasena`) and typographic apostrophes normalised, so lexicon
/// phrases match however the customer typed them. A currency symbol (`$`, `€`, `£`) is a word of its own, so
/// the lexicon can treat an amount of money as evidence.
public struct AnalyzedText: Sendable {
    /// One word of the text.
    public struct Token: Sendable {
        /// The word, lowercased and accent-folded.
        public var word: String
        /// The clause it belongs to (clauses are separated by punctuation and clause-break words).
        public var clause: Int
        /// Whether it was written in capitals (three letters or more).
        public var shouted: Bool
        /// The sentence it belongs to (sentences end at `.`, `!`, `?` and line breaks; a dot inside a number or
        /// word, as in `19.99` or `e.g`, does not end one).
        public var sentence: Int = 0
        /// How many emphatic marks follow the word: every `!`, and every `?` of a run of two or more (`??`).
        public var emphasis: Int = 0
    }

    /// The words in order.
    public var tokens: [Token]
    /// How many `!` the text has.
    public var exclamations: Int
    /// How many words the text has with at least one letter.
    public var letterWords: Int
    /// How many emphatic marks the text has: every `!`, and every `?` of a run of two or more (`??`).
    public var emphasis: Int = 0
    /// How many questions the text asks (runs of `?`).
    public var questions: Int = 0
}

/// The tokenizer behind ``AnalyzedText``.
public enum TextAnalyzer {
    /// Analyzes `text`; `clauseBreaks` are words that also end a clause (e.g. "but").
    public static func analyze(_ text: String, clauseBreaks: Set<String> = []) -> AnalyzedText {
        analyze(text, clauseBreaks: clauseBreaks, asciiBreaks: nil)
    }

    /// ``analyze(_:clauseBreaks:)`` with the ASCII clause-break words also in a byte table (see
    /// ``ASCIIWordTable``), so an ASCII word is checked without hashing a String.
    static func analyze(_ text: String, clauseBreaks: Set<String>, asciiBreaks: ASCIIWordTable?) -> AnalyzedText {
        var tokens: [AnalyzedText.Token] = []
        tokens.reserveCapacity(text.utf8.count / 5)
        var clause = 0
        var sentence = 0
        var exclamations = 0
        var emphasis = 0
        var letterWords = 0
        // The word being read, as UTF-8 bytes (appending a byte is far cheaper than a scalar to a string).
        var current: [UInt8] = []
        current.reserveCapacity(32)
        var currentIsASCII = true
        var upper = 0
        var lower = 0
        // A dot ends a sentence only when no letter or digit follows it directly ("19.99", "e.g" stay whole).
        var dotPending = false
        // Inside a run of `!` and `?`: the sentence ends where the run ends. `questions` counts the `?` in it.
        var markRun = false
        var questions = 0
        var questionRuns = 0

        func flush() {
            guard !current.isEmpty else { return }
            var word: String
            var isBreak: Bool?
            if currentIsASCII {
                // ASCII: characters are bytes, so apostrophes are trimmed from the bytes.
                var start = 0
                var end = current.count
                while start < end && current[start] == 0x27 { start += 1 }
                while end > start && current[end - 1] == 0x27 { end -= 1 }
                word = String(decoding: current[start..<end], as: UTF8.self)
                if let asciiBreaks {
                    isBreak = current.withUnsafeBufferPointer { asciiBreaks.position(of: UnsafeBufferPointer(rebasing: $0[start..<end])) != nil }
                }
            } else {
                word = String(decoding: current, as: UTF8.self)
                while word.hasPrefix("'") { word.removeFirst() }
                while word.hasSuffix("'") { word.removeLast() }
            }
            if !word.isEmpty {
                if upper + lower > 0 { letterWords += 1 }
                if isBreak ?? clauseBreaks.contains(word) {
                    clause += 1
                } else {
                    tokens.append(.init(word: word, clause: clause, shouted: upper >= 3 && lower == 0, sentence: sentence))
                }
            }
            current.removeAll(keepingCapacity: true)
            currentIsASCII = true
            upper = 0
            lower = 0
        }

        /// Appends a scalar that may be outside ASCII to the word.
        func append(_ scalar: Unicode.Scalar) {
            if scalar.value < 0x80 { current.append(UInt8(scalar.value)); return }
            currentIsASCII = false
            UTF8.encode(scalar) { current.append($0) }
        }

        /// Counts an emphatic mark on the last word of the current sentence.
        func emphasize(_ marks: Int) {
            emphasis += marks
            if let last = tokens.indices.last, tokens[last].sentence == sentence { tokens[last].emphasis += marks }
        }

        for scalar in text.unicodeScalars {
            let value = scalar.value
            if dotPending {
                dotPending = false
                let continuesWord = (0x61...0x7A).contains(value) || (0x41...0x5A).contains(value) || (0x30...0x39).contains(value)
                if !continuesWord { sentence += 1 }
            }
            if markRun && value != 0x21 && value != 0x3F {
                sentence += 1
                markRun = false
                questions = 0
            }
            if value < 128 {
                switch value {
                case 0x61...0x7A: current.append(UInt8(value)); lower += 1  // a-z
                case 0x41...0x5A: current.append(UInt8(value + 32)); upper += 1  // A-Z
                case 0x30...0x39: current.append(UInt8(value))  // 0-9
                case 0x27: current.append(0x27)  // '
                case 0x21: flush(); clause += 1; exclamations += 1; markRun = true; emphasize(1)  // !
                case 0x3F:  // ? ("??" counts two marks, each further one more)
                    flush(); clause += 1; markRun = true; questions += 1
                    if questions == 1 { questionRuns += 1 }
                    if questions == 2 { emphasize(2) } else if questions > 2 { emphasize(1) }
                case 0x2E: flush(); clause += 1; dotPending = true  // .
                case 0x0A: flush(); clause += 1; sentence += 1  // newline
                case 0x3B, 0x3A, 0x2C, 0x28, 0x29: flush(); clause += 1  // ; : , ( )
                case 0x24: flush(); current.append(0x24); flush()  // $ is a word of its own: money is evidence
                default: flush()
                }
            } else if value == 0x2019 || value == 0x2018 {
                current.append(0x27)
            } else if value == 0xFF1F {
                flush(); clause += 1; sentence += 1; questionRuns += 1  // ？
            } else if value == 0x3002 || value == 0xFF01 {
                flush(); clause += 1; sentence += 1  // 。！
            } else if value == 0x00A1 || value == 0x00BF {
                flush(); clause += 1  // ¡ ¿ open a clause
            } else if scalar.properties.generalCategory == .currencySymbol {
                flush(); append(scalar); flush()  // € £ ¥ … like $
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if scalar.properties.isUppercase { upper += 1 } else if scalar.properties.isLowercase { lower += 1 }
                for folded in fold(scalar) { append(folded) }
            } else {
                flush()
            }
        }
        flush()
        return AnalyzedText(tokens: tokens, exclamations: exclamations, letterWords: letterWords, emphasis: emphasis,
                            questions: questionRuns)
    }

    /// The lowercase words of `text` (with `*` kept inside words when `keepStars`), for parsing phrases.
    public static func words(of text: String, keepStars: Bool = false) -> [String] {
        if !keepStars { return analyze(text).tokens.map(\.word) }
        // Keep a trailing star as part of the word: analyze each space-separated chunk.
        return text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "-" || $0 == "/" }).flatMap { chunk -> [String] in
            let star = chunk.hasSuffix("*")
            var words = analyze(String(star ? chunk.dropLast() : chunk)).tokens.map(\.word)
            if star, !words.isEmpty { words[words.count - 1] += "*" }
            return words
        }
    }

    /// Lowercases and strips accents from one non-ASCII scalar.
    static func fold(_ scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        let lowered = scalar.properties.lowercaseMapping.unicodeScalars
        var result: [Unicode.Scalar] = []
        for lower in lowered {
            if let base = accentBase[lower.value] { result.append(base) } else { result.append(lower) }
        }
        return result
    }

    private static let accentBase: [UInt32: Unicode.Scalar] = {
        let groups: [(String, Unicode.Scalar)] = [
            ("àáâãäåāă", "a"), ("çćč", "c"), ("èéêëēėęě", "e"), ("ìíîïīį", "i"), ("ñńň", "n"),
            ("òóôõöøō", "o"), ("ùúûüūůű", "u"), ("ýÿ", "y"), ("śšș", "s"), ("źżž", "z"), ("ł", "l"), ("ğ", "g"), ("ř", "r"), ("ťț", "t"),
        ]
        var map: [UInt32: Unicode.Scalar] = [:]
        for (letters, base) in groups { for letter in letters.unicodeScalars { map[letter.value] = base } }
        return map
    }()
}
