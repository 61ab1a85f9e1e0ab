import Testing
@testable import TriageEval

/// The judge's answer is read leniently; what cannot be read is nil (recorded as invalid output), never a pass.
@Suite struct JudgeVerdictTests {
    @Test(arguments: [
        (#"{"pass": true, "reason": "polite and correct"}"#, JudgeVerdict(pass: true, reason: "polite and correct")),
        ("Verdict:\n```json\n{\"verdict\": \"FAIL\", \"reason\": \"no apology\",}\n```", JudgeVerdict(pass: false, reason: "no apology")),
        (#"{"pass": "yes"}"#, JudgeVerdict(pass: true, reason: "")),
        (#"{"pass": 0}"#, JudgeVerdict(pass: false, reason: "")),
        (#"{"pass": 2}"#, nil),
        (#"{"pass": "maybe"}"#, nil),
        (#"{"score": 5} then {"pass": false}"#, JudgeVerdict(pass: false, reason: "")),
        ("I think it passes", nil),
    ] as [(String, JudgeVerdict?)])
    func parse(text: String, expected: JudgeVerdict?) {
        #expect(JudgeVerdict.parse(text) == expected)
    }
}
