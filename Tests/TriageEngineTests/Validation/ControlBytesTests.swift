import Testing
@testable import TriageEngine

/// The byte test for control characters against the scalar test it shortcuts.
@Suite("Control characters by bytes")
struct ControlBytesTests {
    @Test func holdsControlAsTheScalarsSay() {
        var held = 0
        let texts = EdgeTexts.all + ["a\u{202A}b", "a\u{202E}b", "a\u{2066}b", "a\u{2069}b", "a\u{2065}b", "a\u{2029}b", "—’“", "\u{1B}[31m", "tab\tok\n"]
        for text in texts {
            let expected = text.unicodeScalars.contains(where: InputValidator.isControl)
            #expect(InputValidator.holdsControl(text) == expected, "\(text.debugDescription)")
            if expected { held += 1 }
        }
        #expect(held > 50)
    }
}
