/// A shell-style glob over names: `*` matches any run of characters, `?` one character, `[abc]`, `[a-z]` and
/// `[!a-z]` (or `[^a-z]`) one character of (or not of) a set, and `\` takes the next character literally.
public struct GlobPattern: Sendable, Equatable {
    /// The pattern as written.
    public let text: String
    private let tokens: [Token]

    private enum Token: Equatable, Sendable {
        case literal(Character)
        case any
        case star
        case set(ranges: [ClosedRange<Character>], negated: Bool)
    }

    /// Parses a pattern.
    /// - Throws: ``ScenarioSelectionError`` (`badPattern`) for an unclosed `[` or a trailing `\`.
    public init(_ text: String) throws(ScenarioSelectionError) {
        self.text = text
        var tokens: [Token] = []
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "*":
                if tokens.last != .star { tokens.append(.star) }
            case "?":
                tokens.append(.any)
            case "\\":
                guard index + 1 < characters.count else {
                    throw .badPattern(text, "a trailing '\\' escapes nothing (write '\\\\' for a backslash)")
                }
                index += 1
                tokens.append(.literal(characters[index]))
            case "[":
                let open = index
                index += 1
                var negated = false
                if index < characters.count, characters[index] == "!" || characters[index] == "^" {
                    negated = true
                    index += 1
                }
                var ranges: [ClosedRange<Character>] = []
                var first = true
                while index < characters.count, characters[index] != "]" || first {
                    first = false
                    let low = characters[index]
                    if index + 2 < characters.count, characters[index + 1] == "-", characters[index + 2] != "]" {
                        let high = characters[index + 2]
                        guard low <= high else {
                            throw .badPattern(text, "the range '\(low)-\(high)' at column \(index + 1) runs backwards")
                        }
                        ranges.append(low...high)
                        index += 3
                    } else {
                        ranges.append(low...low)
                        index += 1
                    }
                }
                guard index < characters.count else {
                    throw .badPattern(text, "the '[' at column \(open + 1) is never closed with ']'")
                }
                tokens.append(.set(ranges: ranges, negated: negated))
            default:
                tokens.append(.literal(character))
            }
            index += 1
        }
        self.tokens = tokens
    }

    /// Whether the whole of `name` matches.
    public func matches(_ name: String) -> Bool {
        let characters = Array(name)
        // Backtracking over the last star only (the classic wildcard match).
        var (t, c) = (0, 0)
        var resume: (token: Int, character: Int)?
        while c < characters.count {
            if t < tokens.count, Self.single(tokens[t], characters[c]) {
                t += 1
                c += 1
            } else if t < tokens.count, tokens[t] == .star {
                resume = (t, c)
                t += 1
            } else if let last = resume {
                resume = (last.token, last.character + 1)
                t = last.token + 1
                c = last.character + 1
            } else {
                return false
            }
        }
        while t < tokens.count, tokens[t] == .star { t += 1 }
        return t == tokens.count
    }

    /// Whether a non-star token matches one character.
    private static func single(_ token: Token, _ character: Character) -> Bool {
        switch token {
        case .literal(let literal): return literal == character
        case .any: return true
        case .star: return false
        case .set(let ranges, let negated): return ranges.contains { $0.contains(character) } != negated
        }
    }
}
