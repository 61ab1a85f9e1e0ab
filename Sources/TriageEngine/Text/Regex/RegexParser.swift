/// Parses a pattern into a ``RegexNode``, rejecting every construct the linear-time engine cannot run with
/// the position of that construct.
///
/// Supported: literals and escapes, `.`, classes with ranges and negation, `\d \w \s \D \W \S`, anchors
/// `^ $ \A \z \Z \b \B`, groups (capturing groups only group), `(?:…)`, named groups, inline flags
/// `(?i)`, `(?m)`, `(?s)` (also scoped, `(?i:…)`), alternation, and the quantifiers `* + ? {m} {m,} {m,n}`
/// with their lazy forms. Rejected: backreferences, lookaround, atomic groups, possessive quantifiers,
/// recursion, conditionals, Unicode properties and other constructs that need backtracking or are unknown.
struct RegexParser {
    private struct Flags { var caseInsensitive: Bool; var multiline = false; var dotAll = false }

    private let scalars: [UInt32]
    private var position = 0
    private var flags: Flags

    init(_ pattern: String, caseInsensitive: Bool) {
        scalars = pattern.unicodeScalars.map(\.value)
        flags = Flags(caseInsensitive: caseInsensitive)
    }

    /// Parses the whole pattern.
    static func parse(_ pattern: String, caseInsensitive: Bool) throws(RegexSyntaxError) -> RegexNode {
        var parser = RegexParser(pattern, caseInsensitive: caseInsensitive)
        let node = try parser.parseAlternation()
        if parser.position < parser.scalars.count {
            // Only a `)` stops the top-level alternation early.
            throw RegexSyntaxError(.unmatchedParenthesis, at: parser.position)
        }
        return node
    }

    private var atEnd: Bool { position >= scalars.count }
    private func peek(_ ahead: Int = 0) -> UInt32? { position + ahead < scalars.count ? scalars[position + ahead] : nil }
    private func peekIs(_ character: Character, _ ahead: Int = 0) -> Bool { peek(ahead) == character.unicodeScalars.first!.value }
    private func text(_ range: Range<Int>) -> String {
        var result = ""
        for value in scalars[max(0, range.lowerBound)..<min(range.upperBound, scalars.count)] {
            if let scalar = Unicode.Scalar(value) { result.unicodeScalars.append(scalar) }
        }
        return result
    }

    private mutating func parseAlternation() throws(RegexSyntaxError) -> RegexNode {
        var branches = [try parseConcatenation()]
        while peekIs("|") {
            position += 1
            branches.append(try parseConcatenation())
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func parseConcatenation() throws(RegexSyntaxError) -> RegexNode {
        var items: [RegexNode] = []
        while let current = peek(), current != 0x7C /* | */, current != 0x29 /* ) */ {
            let start = position
            guard let atom = try parseAtom() else { continue }  // a flag group changes state only
            items.append(try parseQuantifiers(atom, atomStart: start))
        }
        if items.isEmpty { return .empty }
        return items.count == 1 ? items[0] : .concatenation(items)
    }

    /// Applies any quantifiers that follow an atom.
    private mutating func parseQuantifiers(_ atom: RegexNode, atomStart: Int) throws(RegexSyntaxError) -> RegexNode {
        var node = atom
        var quantified = false
        while let current = peek() {
            let start = position
            var bounds: (Int, Int?)
            switch current {
            case 0x2A: bounds = (0, nil); position += 1           // *
            case 0x2B: bounds = (1, nil); position += 1           // +
            case 0x3F: bounds = (0, 1); position += 1             // ?
            case 0x7B:                                            // {
                guard let parsed = try parseCount() else { return node }
                bounds = parsed
            default:
                return node
            }
            if quantified { throw RegexSyntaxError(.nothingToRepeat(text(start..<position)), at: start) }
            var greedy = true
            if peekIs("?") {
                greedy = false
                position += 1
            } else if peekIs("+") {
                throw RegexSyntaxError(.possessive(text(start..<position + 1)), at: start)
            }
            node = .repetition(node, min: bounds.0, max: bounds.1, greedy: greedy)
            quantified = true
        }
        return node
    }

    /// `{m}`, `{m,}`, `{m,n}` at the current `{`; nil (position unchanged) when the brace is a literal.
    private mutating func parseCount() throws(RegexSyntaxError) -> (Int, Int?)? {
        let start = position
        var index = position + 1
        func number() -> Int?? {
            var value: Int? = nil
            while index < scalars.count, scalars[index] >= 48, scalars[index] <= 57 {
                value = min((value ?? 0) * 10 + Int(scalars[index] - 48), 1_000_000_000)
                index += 1
            }
            return value
        }
        guard let low = number() ?? nil else { return nil }
        var high: Int? = low
        if index < scalars.count, scalars[index] == 0x2C /* , */ {
            index += 1
            high = number() ?? nil
        }
        guard index < scalars.count, scalars[index] == 0x7D /* } */ else { return nil }
        position = index + 1
        for count in [low, high].compactMap({ $0 }) where count > RegexProgram.maxRepeatCount {
            throw RegexSyntaxError(.countTooLarge(count), at: start)
        }
        if let high, high < low { throw RegexSyntaxError(.reversedCount(low, high), at: start) }
        return (low, high)
    }

    /// One atom; nil for a flag group such as `(?i)` that only changes the flags.
    private mutating func parseAtom() throws(RegexSyntaxError) -> RegexNode? {
        let start = position
        let current = scalars[position]
        switch current {
        case 0x28: return try parseGroup()                                  // (
        case 0x5B: return .set(try parseClass())                            // [
        case 0x2E: position += 1; return .any(dotAll: flags.dotAll)         // .
        case 0x5E: position += 1; return .assertion(flags.multiline ? .lineStart : .textStart)
        case 0x24: position += 1; return .assertion(flags.multiline ? .lineEnd : .textEndOrFinalNewline)
        case 0x5C: return try parseEscape()                                 // \
        case 0x2A, 0x2B, 0x3F:                                              // * + ?
            throw RegexSyntaxError(.nothingToRepeat(text(start..<start + 1)), at: start)
        case 0x7B:
            if let _ = try parseCount() { throw RegexSyntaxError(.nothingToRepeat(text(start..<position)), at: start) }
            position += 1
            return literal(current)
        default:
            position += 1
            return literal(current)
        }
    }

    private func literal(_ scalar: UInt32) -> RegexNode {
        let folds = flags.caseInsensitive && RegexCharacterClass.lowercase(scalar) != RegexCharacterClass.uppercase(scalar)
        return .scalar(folds ? RegexCharacterClass.lowercase(scalar) : scalar, caseInsensitive: folds)
    }

    private mutating func parseGroup() throws(RegexSyntaxError) -> RegexNode? {
        let open = position
        position += 1
        let saved = flags
        if peekIs("?") {
            position += 1
            guard let kind = peek() else { throw RegexSyntaxError(.unclosedGroup, at: open) }
            switch Character(Unicode.Scalar(kind)!) {
            case ":": position += 1
            case "=": throw RegexSyntaxError(.unsupported("lookahead (?="), at: open)
            case "!": throw RegexSyntaxError(.unsupported("negative lookahead (?!"), at: open)
            case ">": throw RegexSyntaxError(.unsupported("atomic group (?>"), at: open)
            case "#": throw RegexSyntaxError(.unsupported("comment group (?#"), at: open)
            case "|": throw RegexSyntaxError(.unsupported("branch reset group (?|"), at: open)
            case "(": throw RegexSyntaxError(.unsupported("conditional group (?("), at: open)
            case "R", "0"..."9", "+", "&": throw RegexSyntaxError(.unsupported("recursion (?\(text(position..<position + 1))"), at: open)
            case "<":
                if peekIs("=", 1) { throw RegexSyntaxError(.unsupported("lookbehind (?<="), at: open) }
                if peekIs("!", 1) { throw RegexSyntaxError(.unsupported("negative lookbehind (?<!"), at: open) }
                try skipGroupName(open: open, close: ">")
            case "P":
                if peekIs("=", 1) { throw RegexSyntaxError(.backreference(text(open..<open + 4)), at: open) }
                if peekIs(">", 1) { throw RegexSyntaxError(.unsupported("recursion (?P>"), at: open) }
                position += 1
                guard peekIs("<") else { throw RegexSyntaxError(.unsupported("group construct (?P"), at: open) }
                try skipGroupName(open: open, close: ">")
            case "'":
                try skipGroupName(open: open, close: "'")
            default:
                // Inline flags: (?i) (?i-m) (?i:...)
                var on = true
                while let flag = peek(), flag != 0x29, flag != 0x3A {
                    let character = Character(Unicode.Scalar(flag)!)
                    switch character {
                    case "-": on = false
                    case "i": flags.caseInsensitive = on
                    case "m": flags.multiline = on
                    case "s": flags.dotAll = on
                    default:
                        if character.isLetter { throw RegexSyntaxError(.unknownFlag(String(character)), at: position) }
                        throw RegexSyntaxError(.unsupported("group construct (?\(text(open + 2..<position + 1))"), at: open)
                    }
                    position += 1
                }
                guard let end = peek() else { throw RegexSyntaxError(.unclosedGroup, at: open) }
                position += 1
                if end == 0x29 { return nil }  // (?i): the flags hold to the end of the enclosing group
            }
        }
        let inner = try parseAlternation()
        guard peekIs(")") else { throw RegexSyntaxError(.unclosedGroup, at: open) }
        position += 1
        flags = saved
        return inner
    }

    private mutating func skipGroupName(open: Int, close: Character) throws(RegexSyntaxError) {
        position += 1
        while let value = peek(), !peekIs(close) {
            let character = Character(Unicode.Scalar(value)!)
            guard character.isLetter || character.isNumber || character == "_" else {
                throw RegexSyntaxError(.unsupported("group construct \(text(open..<position + 1))"), at: open)
            }
            position += 1
        }
        guard !atEnd else { throw RegexSyntaxError(.unclosedGroup, at: open) }
        position += 1
    }

    /// An escape outside a class.
    private mutating func parseEscape() throws(RegexSyntaxError) -> RegexNode {
        let start = position
        guard let next = peek(1) else { throw RegexSyntaxError(.trailingBackslash, at: start) }
        let character = Character(Unicode.Scalar(next)!)
        position += 2
        switch character {
        case "d", "D": return .set(RegexCharacterClass(.digit, negated: character == "D"))
        case "w", "W": return .set(RegexCharacterClass(.word, negated: character == "W"))
        case "s", "S": return .set(RegexCharacterClass(.space, negated: character == "S"))
        case "b": return .assertion(.wordBoundary)
        case "B": return .assertion(.notWordBoundary)
        case "A": return .assertion(.textStart)
        case "z": return .assertion(.textEnd)
        case "Z": return .assertion(.textEndOrFinalNewline)
        case "1"..."9":
            while let digit = peek(), digit >= 48, digit <= 57 { position += 1 }
            throw RegexSyntaxError(.backreference(text(start..<position)), at: start)
        case "k", "g":
            throw RegexSyntaxError(.backreference("\\\(character)"), at: start)
        default:
            position = start
            return literal(try parseScalarEscape(inClass: false))
        }
    }

    /// An escape that stands for one scalar (`\n`, `\x41`, `\.`), or a positioned error naming it.
    private mutating func parseScalarEscape(inClass: Bool) throws(RegexSyntaxError) -> UInt32 {
        let start = position
        guard let next = peek(1) else { throw RegexSyntaxError(.trailingBackslash, at: start) }
        position += 2
        let character = Character(Unicode.Scalar(next)!)
        switch character {
        case "n": return 0x0A
        case "t": return 0x09
        case "r": return 0x0D
        case "f": return 0x0C
        case "v": return 0x0B
        case "a": return 0x07
        case "e": return 0x1B
        case "0": return 0x00
        case "b" where inClass: return 0x08
        case "x", "u":
            var digits = ""
            if character == "x", peekIs("{") {
                position += 1
                while let value = peek(), !peekIs("}"), digits.count <= 8 { digits.unicodeScalars.append(Unicode.Scalar(value)!); position += 1 }
                guard peekIs("}") else { throw RegexSyntaxError(.badCodePoint(text(start..<position)), at: start) }
                position += 1
            } else {
                let width = character == "x" ? 2 : 4
                for _ in 0..<width {
                    guard let value = peek() else { break }
                    digits.unicodeScalars.append(Unicode.Scalar(value)!)
                    position += 1
                }
            }
            guard let value = UInt32(digits, radix: 16), Unicode.Scalar(value) != nil else {
                throw RegexSyntaxError(.badCodePoint(text(start..<position)), at: start)
            }
            return value
        case "p", "P": throw RegexSyntaxError(.unsupported("Unicode property \\\(character)"), at: start)
        case "Q", "E": throw RegexSyntaxError(.unsupported("quoting \\Q…\\E"), at: start)
        case "G", "K", "X", "R", "N", "h", "H", "c", "C", "o", "U":
            throw RegexSyntaxError(.unsupported("\\\(character)"), at: start)
        default:
            if character.isLetter || character.isNumber {
                throw RegexSyntaxError(.unknownEscape("\\\(character)"), at: start)
            }
            return next
        }
    }

    /// A bracketed class at the current `[`.
    private mutating func parseClass() throws(RegexSyntaxError) -> RegexCharacterClass {
        let open = position
        position += 1
        var set = RegexCharacterClass()
        set.caseInsensitive = flags.caseInsensitive
        if peekIs("^") { set.negated = true; position += 1 }
        var first = true
        while true {
            guard let current = peek() else { throw RegexSyntaxError(.unclosedClass, at: open) }
            if current == 0x5D /* ] */ && !first { position += 1; break }
            first = false
            let itemStart = position
            let low: UInt32
            if current == 0x5B /* [ */ {
                if peekIs(":", 1) { throw RegexSyntaxError(.unsupported("POSIX class [:"), at: position) }
                throw RegexSyntaxError(.unsupported("nested character class ["), at: position)
            } else if current == 0x5C /* \ */ {
                if let shorthand = classShorthand() {
                    set.add(shorthand.0, negated: shorthand.1)
                    position += 2
                    if peekIs("-"), let after = peek(1), after != 0x5D {
                        throw RegexSyntaxError(.classRangeEndpoint(text(itemStart..<itemStart + 2)), at: itemStart)
                    }
                    continue
                }
                low = try parseScalarEscape(inClass: true)
            } else {
                low = current
                position += 1
            }
            // A range a-b, unless the hyphen is last.
            if peekIs("-"), let after = peek(1), after != 0x5D {
                position += 1
                let highStart = position
                let high: UInt32
                if after == 0x5C {
                    if classShorthand() != nil { throw RegexSyntaxError(.classRangeEndpoint(text(highStart..<highStart + 2)), at: highStart) }
                    high = try parseScalarEscape(inClass: true)
                } else if after == 0x5B {
                    throw RegexSyntaxError(.unsupported("nested character class ["), at: highStart)
                } else {
                    high = after
                    position += 1
                }
                guard low <= high else { throw RegexSyntaxError(.reversedRange(text(itemStart..<position)), at: itemStart) }
                set.add(low...high)
            } else {
                set.add(low...low)
            }
        }
        set.finish()
        return set
    }

    /// The shorthand at a backslash inside a class (`\d`, `\W`, …), if it is one.
    private func classShorthand() -> (RegexCharacterClass.Shorthand, Bool)? {
        guard let next = peek(1) else { return nil }
        switch Character(Unicode.Scalar(next)!) {
        case "d": return (.digit, false)
        case "D": return (.digit, true)
        case "w": return (.word, false)
        case "W": return (.word, true)
        case "s": return (.space, false)
        case "S": return (.space, true)
        default: return nil
        }
    }
}
