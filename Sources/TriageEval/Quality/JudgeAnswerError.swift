/// The judge model's answer to the contradiction prompt could not be used: no JSON object, no
/// `contradictions` list, or a pair that does not name two agent turns in order. The conversation is then
/// errored (class `judge_answer`), never scored as if it had passed.
public struct JudgeAnswerError: Error, ClassifiedError, CustomStringConvertible, Equatable {
    /// The error class in reports and call records.
    public static let errorClass = "judge_answer"
    /// The most characters of the answer quoted in the message.
    public static let quotedCharacters = 200

    /// What was wrong, e.g. `contradiction 1: turn 9 is not an agent turn; the agent turns are 2, 4`.
    public var problem: String
    /// The judge's whole answer.
    public var answer: String

    /// Creates an error.
    public init(problem: String, answer: String) {
        self.problem = problem
        self.answer = answer
    }

    /// `judge_answer`.
    public var errorClass: String { Self.errorClass }

    /// `judge_answer: <problem>; the judge answered "<at most 200 characters of the answer>"`.
    public var description: String {
        "\(errorClass): \(problem); the judge answered \"\(Self.quote(answer))\""
    }

    /// The answer on one line, control characters as U+FFFD, cut to ``quotedCharacters``.
    static func quote(_ text: String) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        let clean = String(String.UnicodeScalarView(flat.unicodeScalars.map { $0.properties.generalCategory == .control ? "\u{FFFD}" : $0 }))
        return clean.count > quotedCharacters ? String(clean.prefix(quotedCharacters)) + "…" : clean
    }
}
