/// All lexicon phrases in one index, so a text is scanned once for categories, churn, sentiment, signals and
/// prompt-injection phrases.
struct PhraseIndex: Sendable {
    enum Kind: Sendable, Equatable {
        case category(Int)
        case churn
        case sentiment
        case signal(Int)
        /// A prompt-injection phrase: the sentence holding it is an instruction, not the customer's evidence.
        case injection
    }

    struct Entry: Sendable {
        var words: [Phrase.Word]
        /// How many words the phrase has.
        var length: Int
        var kind: Kind
        var weight: Double
        /// The phrase starts with a negator ("not working"), so it carries its own negation.
        var selfNegating: Bool
        /// A negation before it denies its topic (category evidence holding a negatable word).
        var negatable = false
        /// A cue: weak evidence that counts at most once per message.
        var cue = false
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
    /// Phrases starting with a stem, found through the stem's first `headLength` letters: one lookup per word.
    private var prefixHeads: [String: [(prefix: String, candidates: [Int])]] = [:]
    private var headLength = Int.max
    let negators: Set<String>
    /// The most words any phrase has.
    private(set) var longestPhrase = 1
    let window: Int
    let intensifiers: [String: Double]
    /// The lookups above for ASCII words, by bytes (see ``ASCIIWordTable``); nil when some key rules it out.
    private var ascii: ASCIILookups?

    /// ``exact``, ``prefixHeads``, ``negators`` and ``intensifiers`` for ASCII words (a class: one reference
    /// to hold per lookup, not a retain per table).
    private final class ASCIILookups: Sendable {
        let exact: ASCIIWordTable
        let exactCandidates: [[Int]]
        let heads: ASCIIWordTable
        /// Per head: the stems, with their bytes when ASCII (nil: compared as strings).
        let stems: [[(prefix: String, bytes: [UInt8]?, candidates: [Int])]]
        let negators: ASCIIWordTable
        let intensifiers: ASCIIWordTable
        let intensities: [Double]
        /// Per entry, its words as bytes (and whether each is a stem); nil when some word is not ASCII.
        let entryWords: [[(bytes: [UInt8], isPrefix: Bool)]]?

        init(exact: ASCIIWordTable, exactCandidates: [[Int]], heads: ASCIIWordTable, stems: [[(prefix: String, bytes: [UInt8]?, candidates: [Int])]],
             negators: ASCIIWordTable, intensifiers: ASCIIWordTable, intensities: [Double], entryWords: [[(bytes: [UInt8], isPrefix: Bool)]]?) {
            self.entryWords = entryWords
            self.exact = exact
            self.exactCandidates = exactCandidates
            self.heads = heads
            self.stems = stems
            self.negators = negators
            self.intensifiers = intensifiers
            self.intensities = intensities
        }
    }

    /// An index of plain phrases (reported as signal 0), without negation or intensifiers.
    init(phrases: [Phrase]) {
        negators = []
        window = 0
        intensifiers = [:]
        var prefixes: [String: [Int]] = [:]
        for phrase in phrases { add(Lexicon.Entry(phrase: phrase, weight: 1), .signal(0), &prefixes) }
        indexPrefixes(prefixes)
        indexASCII()
    }

    init(lexicon: Lexicon, categoryNames: [String], signalNames: [String]) {
        negators = lexicon.negators
        window = lexicon.negationWindow
        intensifiers = lexicon.intensifiers
        var prefixes: [String: [Int]] = [:]
        for (index, name) in categoryNames.enumerated() {
            let negatable = lexicon.negatable[name] ?? []
            for entry in lexicon.categories[name] ?? [] { add(entry, .category(index), &prefixes, negatable: negatable) }
            for entry in lexicon.cues[name] ?? [] { add(entry, .category(index), &prefixes, negatable: negatable, cue: true) }
        }
        for entry in lexicon.churn { add(entry, .churn, &prefixes) }
        for entry in lexicon.sentiment { add(entry, .sentiment, &prefixes) }
        for (index, name) in signalNames.enumerated() {
            for entry in lexicon.signals[name] ?? [] { add(entry, .signal(index), &prefixes) }
        }
        for phrase in lexicon.injectionPhrases { add(Lexicon.Entry(phrase: phrase, weight: 1), .injection, &prefixes) }
        indexPrefixes(prefixes)
        indexASCII()
    }

    private mutating func indexPrefixes(_ prefixes: [String: [Int]]) {
        headLength = prefixes.keys.map(\.count).min() ?? Int.max
        for (prefix, candidates) in prefixes.sorted(by: { $0.key < $1.key }) {
            prefixHeads[String(prefix.prefix(headLength)), default: []].append((prefix, candidates))
        }
    }

    /// Whether ASCII words are looked up by their bytes.
    var usesASCIILookups: Bool { ascii != nil }

    /// The same index looking every word up in its String dictionaries (the reference the tests hold the
    /// byte lookups to).
    func withoutASCIILookups() -> PhraseIndex {
        var copy = self
        copy.ascii = nil
        return copy
    }

    private mutating func indexASCII() {
        let exactKeys = Array(exact.keys)
        let headKeys = Array(prefixHeads.keys)
        let negatorKeys = Array(negators)
        let intensifierKeys = Array(intensifiers.keys)
        guard let exactTable = ASCIIWordTable(keys: exactKeys), let headTable = ASCIIWordTable(keys: headKeys),
              let negatorTable = ASCIIWordTable(keys: negatorKeys), let intensifierTable = ASCIIWordTable(keys: intensifierKeys) else { return }
        let stems = headKeys.map { head in
            prefixHeads[head]!.map { stem -> (prefix: String, bytes: [UInt8]?, candidates: [Int]) in
                let bytes = Array(stem.prefix.utf8)
                return (stem.prefix, bytes.allSatisfy { $0 < 0x80 } ? bytes : nil, stem.candidates)
            }
        }
        let entryWords = entries.map { entry in
            entry.words.map { word -> (bytes: [UInt8], isPrefix: Bool) in
                switch word { case let .exact(text): return (Array(text.utf8), false); case let .prefix(text): return (Array(text.utf8), true) }
            }
        }
        let allASCII = entryWords.allSatisfy { $0.allSatisfy { $0.bytes.allSatisfy { $0 < 0x80 } } }
        ascii = ASCIILookups(exact: exactTable, exactCandidates: exactKeys.map { exact[$0]! }, heads: headTable, stems: stems,
                             negators: negatorTable, intensifiers: intensifierTable, intensities: intensifierKeys.map { intensifiers[$0]! },
                             entryWords: allASCII ? entryWords : nil)
    }

    private mutating func add(_ entry: Lexicon.Entry, _ kind: Kind, _ prefixes: inout [String: [Int]], negatable: [Phrase.Word] = [],
                              cue: Bool = false) {
        let index = entries.count
        longestPhrase = max(longestPhrase, entry.phrase.words.count)
        // The phrase holds a negatable word: "was lost" holds "lost"; a stem matches by its letters ("disappear*").
        let holdsNegatable = entry.phrase.words.contains { word in
            let text: String
            switch word { case let .exact(exact): text = exact; case let .prefix(prefix): text = prefix }
            return negatable.contains { $0.matches(text) }
        }
        entries.append(Entry(words: entry.phrase.words, length: entry.phrase.words.count, kind: kind, weight: entry.weight,
                             selfNegating: entry.phrase.starts(withAnyOf: negators), negatable: holdsNegatable, cue: cue))
        switch entry.phrase.words[0] {
        case let .exact(word): exact[word, default: []].append(index)
        case let .prefix(prefix): prefixes[prefix, default: []].append(index)
        }
    }

    /// Every phrase occurrence in `text`, with negation and intensity resolved.
    func matches(in text: AnalyzedText) -> [Match] {
        var result: [Match] = []
        let tokens = text.tokens
        let ascii = self.ascii
        for start in tokens.indices {
            if let ascii, matchASCII(ascii, start, tokens, &result) { continue }
            let word = tokens[start].word
            if let candidates = exact[word] { collect(candidates, start, tokens, &result) }
            if word.utf8.count >= headLength, let stems = prefixHeads[String(word.prefix(headLength))] {
                for stem in stems where word.hasPrefix(stem.prefix) { collect(stem.candidates, start, tokens, &result) }
            }
        }
        return result
    }

    /// The entries of ``matches(in:)``, in its order, for ASCII words given as ranges of `bytes` that all
    /// stand in one clause (as the injection check reads a text), compared by bytes without a string per
    /// word; nil when the index cannot (a phrase word or key is not ASCII). Negation and intensity, which
    /// these callers do not read, are not worked out.
    func entries(inWords bytes: [UInt8], _ ranges: [Range<Int>]) -> [Int]? {
        guard let ascii, let entryWords = ascii.entryWords else { return nil }
        var found: [Int] = []
        bytes.withUnsafeBufferPointer { buffer in
            func word(_ index: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: buffer[ranges[index]]) }
            func collect(_ candidates: [Int], _ start: Int) {
                for candidate in candidates {
                    let words = entryWords[candidate]
                    guard start + words.count <= ranges.count else { continue }
                    var matched = true
                    if words.count > 1 {
                        for offset in 1..<words.count {
                            let token = word(start + offset)
                            let holds = words[offset].isPrefix ? token.starts(with: words[offset].bytes) : token.elementsEqual(words[offset].bytes)
                            if !holds { matched = false; break }
                        }
                    }
                    if matched { found.append(candidate) }
                }
            }
            for start in ranges.indices {
                let token = word(start)
                if let key = ascii.exact.position(of: token) { collect(ascii.exactCandidates[key], start) }
                if token.count >= headLength, let key = ascii.heads.position(of: UnsafeBufferPointer(rebasing: token[..<headLength])) {
                    for stem in ascii.stems[key] where stem.bytes.map({ token.starts(with: $0) }) ?? false { collect(stem.candidates, start) }
                }
            }
        }
        return found
    }

    /// ``matches(in:)`` at one token by its bytes when the word is ASCII (the same candidates in the same
    /// order: exact phrases, then stems); false, having done nothing, for any other word.
    private func matchASCII(_ ascii: ASCIILookups, _ start: Int, _ tokens: [AnalyzedText.Token], _ result: inout [Match]) -> Bool {
        var word = tokens[start].word
        return word.withUTF8 { bytes -> Bool in
            guard ASCIIWordTable.isASCII(bytes) else { return false }
            if let key = ascii.exact.position(of: bytes) { collect(ascii.exactCandidates[key], start, tokens, &result) }
            if bytes.count >= headLength, let key = ascii.heads.position(of: UnsafeBufferPointer(rebasing: bytes[..<headLength])) {
                for stem in ascii.stems[key] {
                    let holds = stem.bytes.map { bytes.starts(with: $0) } ?? tokens[start].word.hasPrefix(stem.prefix)
                    if holds { collect(stem.candidates, start, tokens, &result) }
                }
            }
            return true
        }
    }

    /// Whether a word is one of the negators.
    private func isNegator(_ word: String) -> Bool {
        guard let ascii else { return negators.contains(word) }
        var copy = word
        let found = copy.withUTF8 { bytes -> Bool? in
            ASCIIWordTable.isASCII(bytes) ? ascii.negators.position(of: bytes) != nil : nil
        }
        return found ?? negators.contains(word)
    }

    /// The intensity an intensifier word gives, or nil when the word is none.
    private func intensifier(_ word: String) -> Double? {
        guard let ascii else { return intensifiers[word] }
        var copy = word
        let found = copy.withUTF8 { bytes -> Double?? in
            guard ASCIIWordTable.isASCII(bytes) else { return nil }
            return .some(ascii.intensifiers.position(of: bytes).map { ascii.intensities[$0] })
        }
        return found ?? intensifiers[word]
    }

    private func collect(_ candidates: [Int], _ start: Int, _ tokens: [AnalyzedText.Token], _ result: inout [Match]) {
        for candidate in candidates {
            let length = entries[candidate].length
            guard start + length <= tokens.count else { continue }
            var matched = true
            if length > 1 {
                let clause = tokens[start].clause
                for offset in 1..<length where !(tokens[start + offset].clause == clause && entries[candidate].words[offset].matches(tokens[start + offset].word)) {
                    matched = false
                    break
                }
            }
            guard matched else { continue }
            result.append(Match(entry: candidate, start: start,
                                negated: !entries[candidate].selfNegating && isNegated(at: start, tokens),
                                intensity: intensity(at: start, tokens)))
        }
    }

    /// A word is negated when a negator stands within the window before it, in the same clause.
    func isNegated(at position: Int, _ tokens: [AnalyzedText.Token]) -> Bool {
        let clause = tokens[position].clause
        var index = position - 1
        while index >= 0 && position - index <= window && tokens[index].clause == clause {
            if isNegator(tokens[index].word) { return true }
            index -= 1
        }
        return false
    }

    private func intensity(at position: Int, _ tokens: [AnalyzedText.Token]) -> Double {
        guard position > 0, tokens[position - 1].clause == tokens[position].clause else { return 1 }
        return intensifier(tokens[position - 1].word) ?? 1
    }
}
