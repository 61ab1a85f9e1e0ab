/// All lexicon phrases in one index, so a text is scanned once for categories, churn, sentiment and signals.
struct PhraseIndex: Sendable {
    enum Kind: Sendable, Equatable {
        case category(Int)
        case churn
        case sentiment
        case signal(Int)
    }

    struct Entry: Sendable {
        var words: [Phrase.Word]
        var kind: Kind
        var weight: Double
        /// The phrase starts with a negator ("not working"), so it carries its own negation.
        var selfNegating: Bool
    }

    /// A phrase found in a text.
    struct Match: Sendable {
        var entry: Int
        var start: Int
        var negated: Bool
        var intensity: Double
    }

    private(set) var entries: [Entry] = []
    private var exact: [String: [Int]] = [:]
    private var prefixes: [String: [Int]] = [:]
    private var prefixLengths: [Int] = []
    let negators: Set<String>
    let window: Int
    let intensifiers: [String: Double]

    /// An index of plain phrases (reported as signal 0), without negation or intensifiers.
    init(phrases: [Phrase]) {
        negators = []
        window = 0
        intensifiers = [:]
        for phrase in phrases { add(Lexicon.Entry(phrase: phrase, weight: 1), .signal(0)) }
        prefixLengths = Set(prefixes.keys.map(\.count)).sorted()
    }

    init(lexicon: Lexicon, categoryNames: [String], signalNames: [String]) {
        negators = lexicon.negators
        window = lexicon.negationWindow
        intensifiers = lexicon.intensifiers
        for (index, name) in categoryNames.enumerated() {
            for entry in lexicon.categories[name] ?? [] { add(entry, .category(index)) }
        }
        for entry in lexicon.churn { add(entry, .churn) }
        for entry in lexicon.sentiment { add(entry, .sentiment) }
        for (index, name) in signalNames.enumerated() {
            for entry in lexicon.signals[name] ?? [] { add(entry, .signal(index)) }
        }
        prefixLengths = Set(prefixes.keys.map(\.count)).sorted()
    }

    private mutating func add(_ entry: Lexicon.Entry, _ kind: Kind) {
        let index = entries.count
        entries.append(Entry(words: entry.phrase.words, kind: kind, weight: entry.weight,
                             selfNegating: entry.phrase.starts(withAnyOf: negators)))
        switch entry.phrase.words[0] {
        case let .exact(word): exact[word, default: []].append(index)
        case let .prefix(prefix): prefixes[prefix, default: []].append(index)
        }
    }

    /// Every phrase occurrence in `text`, with negation and intensity resolved.
    func matches(in text: AnalyzedText) -> [Match] {
        var result: [Match] = []
        let tokens = text.tokens
        for start in tokens.indices {
            let word = tokens[start].word
            if let candidates = exact[word] { collect(candidates, start, tokens, &result) }
            if !prefixes.isEmpty {
                let count = word.count
                for length in prefixLengths where length <= count {
                    if let candidates = prefixes[String(word.prefix(length))] { collect(candidates, start, tokens, &result) }
                }
            }
        }
        return result
    }

    private func collect(_ candidates: [Int], _ start: Int, _ tokens: [AnalyzedText.Token], _ result: inout [Match]) {
        for candidate in candidates {
            let entry = entries[candidate]
            let length = entry.words.count
            guard start + length <= tokens.count else { continue }
            var matched = true
            if length > 1 {
                let clause = tokens[start].clause
                for offset in 1..<length where !(tokens[start + offset].clause == clause && entry.words[offset].matches(tokens[start + offset].word)) {
                    matched = false
                    break
                }
            }
            guard matched else { continue }
            result.append(Match(entry: candidate, start: start,
                                negated: !entry.selfNegating && isNegated(at: start, tokens),
                                intensity: intensity(at: start, tokens)))
        }
    }

    /// A word is negated when a negator stands within the window before it, in the same clause.
    func isNegated(at position: Int, _ tokens: [AnalyzedText.Token]) -> Bool {
        let clause = tokens[position].clause
        var index = position - 1
        while index >= 0 && position - index <= window && tokens[index].clause == clause {
            if negators.contains(tokens[index].word) { return true }
            index -= 1
        }
        return false
    }

    private func intensity(at position: Int, _ tokens: [AnalyzedText.Token]) -> Double {
        guard position > 0, tokens[position - 1].clause == tokens[position].clause else { return 1 }
        return intensifiers[tokens[position - 1].word] ?? 1
    }
}
