import Foundation

extension Redactor {
    /// The most words a name may span in ``redactNames(in:pseudonyms:)``.
    static let nameWords = 4

    /// `text` with every run of one to ``nameWords`` words whose pseudonym is one of `pseudonyms` replaced by that
    /// pseudonym: how a name is found in free text when only names' keyed hashes are kept, not the names.
    public func redactNames(in text: String, pseudonyms: Set<String>) -> String {
        guard !pseudonyms.isEmpty else { return text }
        var words: [Range<String.Index>] = []
        var index = text.startIndex
        while index < text.endIndex {
            guard text[index].isLetter else { index = text.index(after: index); continue }
            var end = index
            while end < text.endIndex, text[end].isLetter || text[end] == "-" || text[end] == "'" || text[end] == "." { end = text.index(after: end) }
            words.append(index..<end)
            index = end
        }
        var replacements: [(Range<String.Index>, String)] = []
        var start = 0
        while start < words.count {
            var matched: (end: Int, range: Range<String.Index>, pseudonym: String)?
            for end in stride(from: min(words.count, start + Self.nameWords) - 1, through: start, by: -1) {
                var upper = words[end].upperBound
                // The span as written ("Dana K."), then without the punctuation that ends it ("Kowalski." at a sentence's end).
                for _ in 0..<2 {
                    let pseudonym = pseudonymizer.pseudonym(for: String(text[words[start].lowerBound..<upper]))
                    if pseudonyms.contains(pseudonym) { matched = (end, words[start].lowerBound..<upper, pseudonym); break }
                    while upper > words[start].lowerBound, let last = text[..<upper].last, last.isPunctuation { upper = text.index(before: upper) }
                }
                if matched != nil { break }
            }
            if let matched {
                replacements.append((matched.range, matched.pseudonym))
                start = matched.end + 1
            } else {
                start += 1
            }
        }
        var result = text
        for (range, pseudonym) in replacements.reversed() { result.replaceSubrange(range, with: pseudonym) }
        return result
    }
}
