/// Texts at the edges of the byte fast paths (ASCII or not, combining marks, CRLF, controls, empty, very
/// long) and seeded random mixtures of them, for tests that hold a fast path to the code it replaced.
enum EdgeTexts {
    /// Fixed edge cases.
    static let fixed: [String] = [
        "", " ", "\n", "\r\n", "\r", "\t\u{0B}\u{0C}", "Priya N.", "  Priya   N.  ", "\r\nPriya\r\nN.", "Priya\tN.",
        "Zoë K.", "Zoe\u{0301} K.", "e\u{0301}", " \u{0301}Ann B.", "Ann\u{0301} B.", "\u{00A0}Ann B.", "Ann\u{2003}B.",
        "\u{1C}Ann\u{1D}B\u{1E}C\u{1F}D", "Ann\u{85}B", "🙂 Ann", "Ann 🙂", "Ann\u{0}B", "Ann\u{7F}B", "ÅNGSTRÖM \u{212A}elvin",
        "Best regards,\nThe Acme Support Team", "line\r\nbreak\nand\n\n\ndouble", "Ann\n\u{0301}B", "ＡＮＮ ｂ", "straße STRASSE",
        "TF-1234 tf-99 Tf-x", "ſtop \u{212A}ey", "quote \" backslash \\ tab \t bell \u{07}",
        String(repeating: "word ", count: 5_000), String(repeating: "é\n", count: 3_000), String(repeating: "a", count: 70_000) + " b",
    ]

    /// Pieces the random texts are made of.
    static let pieces: [String] = [
        "a", "B", "z", "Z", "0", "9", " ", "  ", "\t", "\n", "\r", "\r\n", "\u{0B}", "\u{0C}", "\u{1C}", "\u{0}", "\u{7F}", ".", ",", "!", "?",
        "\"", "\\", "'", "#", "*", "_", "`", "-", "TF-", "tf-", "é", "e\u{0301}", "\u{0301}", "ß", "İ", "ı", "\u{212A}", "ſ", "Å", "\u{00A0}",
        "\u{2003}", "\u{200B}", "🙂", "👍🏽", "中", "Hi", "hi", "HELLO", "within 4 hours", "refund",
    ]

    /// `count` random texts, the same ones on every run.
    static func random(_ count: Int, seed: UInt64 = 0x5EED) -> [String] {
        var state = seed
        func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
        return (0..<count).map { _ in
            var text = ""
            let asciiOnly = next(2) == 0
            for _ in 0..<next(12) {
                var piece = pieces[next(pieces.count)]
                while asciiOnly && piece.utf8.contains(where: { $0 >= 0x80 }) { piece = pieces[next(pieces.count)] }
                text += piece
            }
            return text
        }
    }

    /// The fixed texts and 2,000 random ones.
    static let all: [String] = fixed + random(2_000)
}
