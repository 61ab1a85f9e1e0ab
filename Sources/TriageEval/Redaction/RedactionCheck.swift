/// A checksum a match must pass before it is redacted, so that ordinary numbers are left alone.
public enum RedactionCheck: String, Sendable, CaseIterable {
    /// Payment card numbers: 13–19 digits passing the Luhn check.
    case luhn
    /// International bank account numbers: 15–34 characters passing the ISO 13616 mod-97 check.
    case iban

    /// Whether a matched text passes the check (spaces and dashes ignored).
    public func passes(_ text: String) -> Bool {
        let compact = text.filter { $0 != " " && $0 != "-" }
        switch self {
        case .luhn: return Self.luhn(compact)
        case .iban: return Self.iban(compact)
        }
    }

    /// The Luhn check on a string of 13–19 digits.
    static func luhn(_ digits: String) -> Bool {
        let values = digits.compactMap(\.wholeNumberValue)
        guard values.count == digits.count, (13...19).contains(values.count) else { return false }
        var sum = 0
        for (offset, digit) in values.reversed().enumerated() {
            if offset % 2 == 1 {
                let doubled = digit * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            } else {
                sum += digit
            }
        }
        return sum % 10 == 0
    }

    /// The IBAN mod-97 check: country letters, two check digits, then 11–30 letters or digits.
    static func iban(_ text: String) -> Bool {
        let upper = Array(text.uppercased())
        guard (15...34).contains(upper.count), upper[0].isLetter, upper[1].isLetter, upper[2].isNumber, upper[3].isNumber else { return false }
        var remainder = 0
        for character in upper[4...] + upper[..<4] {
            guard character.isASCII else { return false }
            if let digit = character.wholeNumberValue {
                remainder = (remainder * 10 + digit) % 97
            } else if character.isLetter, let ascii = character.asciiValue {
                let value = Int(ascii) - 55
                remainder = (remainder * 100 + value) % 97
            } else {
                return false
            }
        }
        return remainder == 1
    }
}
