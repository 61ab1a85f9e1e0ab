/// Every way a pattern can fail to compile, with all wording rendered in one place.
enum RegexProblem: Sendable, Equatable {
    /// A construct that needs backtracking (or otherwise cannot run in linear time) and is rejected.
    case unsupported(String)
    /// `\1`, `\k<name>`, `(?P=name)`.
    case backreference(String)
    /// `*+`, `++`, `?+`, `{m,n}+`.
    case possessive(String)
    /// `\y` and other escapes that mean nothing.
    case unknownEscape(String)
    /// A backslash as the last character.
    case trailingBackslash
    /// `*` with nothing before it.
    case nothingToRepeat(String)
    /// `(` without `)`.
    case unclosedGroup
    /// `)` without `(`.
    case unmatchedParenthesis
    /// `[` without `]`.
    case unclosedClass
    /// `[z-a]`.
    case reversedRange(String)
    /// `[\d-z]`.
    case classRangeEndpoint(String)
    /// `{5000}`.
    case countTooLarge(Int)
    /// `{5,2}`.
    case reversedCount(Int, Int)
    /// An inline flag other than i, m, s.
    case unknownFlag(String)
    /// `\x{110000}`, `\xZ`.
    case badCodePoint(String)
    /// A pattern whose program would exceed the instruction limit.
    case tooLarge(Int)

    /// The sentence a user reads.
    var message: String {
        let linear = "patterns must run in time linear in the text"
        switch self {
        case let .unsupported(construct): return "\(construct) is not supported (\(linear))"
        case let .backreference(text): return "backreference \(text) is not supported (\(linear))"
        case let .possessive(text): return "possessive quantifier \(text) is not supported (\(linear)); write the quantifier without the trailing +"
        case let .unknownEscape(text): return "unknown escape \(text); write \\\\ for a backslash"
        case .trailingBackslash: return "the pattern ends with a lone backslash"
        case let .nothingToRepeat(text): return "quantifier \(text) has nothing to repeat"
        case .unclosedGroup: return "missing ) to close this group"
        case .unmatchedParenthesis: return "unmatched ); write \\) for a literal parenthesis"
        case .unclosedClass: return "missing ] to close this character class"
        case let .reversedRange(text): return "range \(text) is out of order"
        case let .classRangeEndpoint(text): return "\(text) cannot be the end of a range; write \\- for a literal hyphen"
        case let .countTooLarge(count): return "repetition count \(count) is above the limit of \(RegexProgram.maxRepeatCount)"
        case let .reversedCount(low, high): return "repetition {\(low),\(high)} has its minimum above its maximum"
        case let .unknownFlag(flag): return "inline flag \(flag) is not supported; expected i, m or s"
        case let .badCodePoint(text): return "invalid code point escape \(text)"
        case let .tooLarge(limit): return "the pattern is too large: it compiles to more than \(limit) instructions (nested repetition counts multiply)"
        }
    }
}
