/// The parsed form of a pattern: what the compiler turns into a ``RegexProgram``.
indirect enum RegexNode: Sendable {
    /// Matches the empty string.
    case empty
    /// One scalar; with `caseInsensitive` any scalar of the same simple case fold.
    case scalar(UInt32, caseInsensitive: Bool)
    /// `.`: any scalar but a line terminator, or any scalar at all with the `s` flag.
    case any(dotAll: Bool)
    /// A character class, `\d`, `\w`, `\s` and their negations.
    case set(RegexCharacterClass)
    /// A zero-width assertion.
    case assertion(RegexAssertion)
    /// One after another.
    case concatenation([RegexNode])
    /// The first alternative that leads to a match wins (leftmost-first, as backtracking engines choose).
    case alternation([RegexNode])
    /// `min` to `max` (nil: unbounded) repetitions; greedy prefers more.
    case repetition(RegexNode, min: Int, max: Int?, greedy: Bool)

    /// How many instructions the node compiles to (saturating), so sizes are checked before emitting code.
    var instructionCount: Int {
        switch self {
        case .empty: return 0
        case .scalar, .any, .set, .assertion: return 1
        case let .concatenation(nodes): return nodes.reduce(0) { Self.add($0, $1.instructionCount) }
        case let .alternation(nodes): return nodes.reduce(2 * nodes.count) { Self.add($0, $1.instructionCount) }
        case let .repetition(node, min, max, _):
            let body = Self.add(node.instructionCount, 2)
            let copies = max ?? (min + 1)
            return Self.multiply(body, Swift.max(copies, 1))
        }
    }

    private static func add(_ a: Int, _ b: Int) -> Int { let (sum, overflow) = a.addingReportingOverflow(b); return overflow ? Int.max : sum }
    private static func multiply(_ a: Int, _ b: Int) -> Int { let (product, overflow) = a.multipliedReportingOverflow(by: b); return overflow ? Int.max : product }
}

/// Zero-width assertions.
enum RegexAssertion: Sendable, Equatable {
    /// `^` with the `m` flag: start of the text or after a newline.
    case lineStart
    /// `$` with the `m` flag: end of the text or before a newline.
    case lineEnd
    /// `^` or `\A`: start of the text.
    case textStart
    /// `\z`: end of the text.
    case textEnd
    /// `$` or `\Z`: end of the text, or before a newline that ends it.
    case textEndOrFinalNewline
    /// `\b`.
    case wordBoundary
    /// `\B`.
    case notWordBoundary
}
