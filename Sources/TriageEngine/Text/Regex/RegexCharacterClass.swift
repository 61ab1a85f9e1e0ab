/// A set of scalars: ranges plus the `\d`, `\w`, `\s` shorthands, possibly negated and case-insensitive.
///
/// ASCII membership is precomputed into a 128-bit table, so the common case costs a shift and a mask.
struct RegexCharacterClass: Sendable {
    /// The `\d`, `\w`, `\s` families (Unicode-aware, as ICU defines them).
    enum Shorthand: Sendable { case digit, word, space }

    private(set) var ranges: [ClosedRange<UInt32>] = []
    private(set) var shorthands: [(kind: Shorthand, negated: Bool)] = []
    var negated = false
    var caseInsensitive = false
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    /// A class of one shorthand (`\d` or, negated, `\D`).
    init(_ shorthand: Shorthand, negated: Bool) {
        shorthands = [(shorthand, negated)]
        finish()
    }

    init() {}

    mutating func add(_ range: ClosedRange<UInt32>) { ranges.append(range) }
    mutating func add(_ shorthand: Shorthand, negated: Bool) { shorthands.append((shorthand, negated)) }

    /// Precomputes the ASCII table; call once after the last `add`.
    mutating func finish() {
        low = 0
        high = 0
        for scalar in UInt32(0)..<128 where slowContains(scalar) {
            if scalar < 64 { low |= 1 << UInt64(scalar) } else { high |= 1 << UInt64(scalar - 64) }
        }
    }

    /// Whether the class matches a scalar.
    @inline(__always)
    func contains(_ scalar: UInt32) -> Bool {
        if scalar < 64 { return low & (1 << UInt64(scalar)) != 0 }
        if scalar < 128 { return high & (1 << UInt64(scalar - 64)) != 0 }
        return slowContains(scalar)
    }

    private func slowContains(_ scalar: UInt32) -> Bool {
        var found = rawContains(scalar)
        if !found && caseInsensitive {
            found = rawContains(RegexCharacterClass.lowercase(scalar)) || rawContains(RegexCharacterClass.uppercase(scalar))
        }
        return found != negated
    }

    private func rawContains(_ scalar: UInt32) -> Bool {
        for range in ranges where range.contains(scalar) { return true }
        for (kind, negated) in shorthands where RegexCharacterClass.matches(kind, scalar) != negated { return true }
        return false
    }

    static func matches(_ kind: Shorthand, _ scalar: UInt32) -> Bool {
        switch kind {
        case .digit: return isDigit(scalar)
        case .word: return isWord(scalar)
        case .space: return isSpace(scalar)
        }
    }

    static func isDigit(_ scalar: UInt32) -> Bool {
        if scalar < 128 { return scalar >= 48 && scalar <= 57 }
        return Unicode.Scalar(scalar)?.properties.generalCategory == .decimalNumber
    }

    static func isSpace(_ scalar: UInt32) -> Bool {
        if scalar < 128 { return scalar == 32 || (scalar >= 9 && scalar <= 13) }
        return Unicode.Scalar(scalar)?.properties.isWhitespace ?? false
    }

    /// `\w` as ICU defines it: letters, marks, decimal digits, connector punctuation and the joiners.
    static func isWord(_ scalar: UInt32) -> Bool {
        if scalar < 128 {
            return (scalar >= 48 && scalar <= 57) || (scalar >= 65 && scalar <= 90) || (scalar >= 97 && scalar <= 122) || scalar == 95
        }
        if scalar == 0x200C || scalar == 0x200D { return true }
        guard let properties = Unicode.Scalar(scalar)?.properties else { return false }
        if properties.isAlphabetic { return true }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .connectorPunctuation: return true
        default: return false
        }
    }

    /// The simple lowercase mapping (the scalar itself when the full mapping is not one scalar).
    static func lowercase(_ scalar: UInt32) -> UInt32 {
        if scalar < 128 { return scalar >= 65 && scalar <= 90 ? scalar + 32 : scalar }
        guard let value = Unicode.Scalar(scalar) else { return scalar }
        let mapped = value.properties.lowercaseMapping.unicodeScalars
        return mapped.count == 1 ? mapped.first!.value : scalar
    }

    /// The simple uppercase mapping (the scalar itself when the full mapping is not one scalar).
    static func uppercase(_ scalar: UInt32) -> UInt32 {
        if scalar < 128 { return scalar >= 97 && scalar <= 122 ? scalar - 32 : scalar }
        guard let value = Unicode.Scalar(scalar) else { return scalar }
        let mapped = value.properties.uppercaseMapping.unicodeScalars
        return mapped.count == 1 ? mapped.first!.value : scalar
    }
}
