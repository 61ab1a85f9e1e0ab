import Foundation
import TriageEngine

/// The contradiction check by the judge model (README, "Conversation quality"): one call per conversation with
/// at least two agent turns (none otherwise), the prompt `prompts/contradiction.yaml` filled with the numbered
/// turns, and a strict answer, `{"contradictions": [{"earlier": 2, "later": 6, "reason": "…"}]}`, whose turn
/// numbers must name agent turns, the earlier first. An answer that cannot be used throws ``JudgeAnswerError``
/// (and marks the call `judge_answer`), so the conversation is errored rather than passed.
///
/// The call goes through the judge's client: the shared transport with its retries, the response cache and
/// replay, the call log (purpose `judge`, costed with the judge) and the progress observer.
public struct JudgeContradictionCheck: ContradictionCheck {
    /// The prompt's name in the prompts directory.
    public static let promptName = "contradiction"
    /// The variable holding the numbered conversation.
    public static let turnsVariable = "turns"
    /// The variable holding the agent turns' numbers.
    public static let agentTurnsVariable = "agent_turns"
    /// The variables the prompt may use besides the engine's.
    public static let variables = [turnsVariable, agentTurnsVariable]
    /// The most characters of the judge's reason kept in a finding.
    public static let reasonCharacters = 300

    /// The judge model.
    public let judge: any ChatModel
    /// The contradiction prompt.
    public let prompt: PromptTemplate

    /// Creates the check.
    public init(judge: any ChatModel, prompt: PromptTemplate) {
        self.judge = judge
        self.prompt = prompt
    }

    /// `judge gpt-4o-mini (prompt contradiction@1a2b3c4d5e6f)`: the model and the prompt file's hash.
    public var name: String { "judge \(judge.name) (prompt \(prompt.id)@\(prompt.sha256.prefix(12)))" }

    /// Asks the judge once for the conversation's contradictions.
    /// - Throws: ``JudgeAnswerError`` for an answer that cannot be used; what the client throws (``ModelError``).
    public func contradictions(in messages: [ProductionConversation.Message]) async throws -> [QualityFinding] {
        let agentTurns = messages.indices.filter { messages[$0].role == .agent }.map { $0 + 1 }
        guard agentTurns.count >= 2 else { return [] }
        let request = ChatRequest(messages: prompt.render(Self.values(messages)), temperature: prompt.temperature ?? 0,
                                  maxTokens: prompt.maxTokens ?? 400)
        let response = try await CallContext.$purpose.withValue(ModelAssertionChecker.judgePurpose) { try await judge.complete(request) }
        do {
            return try Self.parse(response.text, messages: messages)
        } catch {
            _ = CallContext.log?.mark(response.record, errorClass: error.errorClass)
            throw error
        }
    }

    /// The prompt's values: `turns`, one `[N] role: text` block per message (continuation lines indented), and
    /// `agent_turns`, the agent turns' numbers separated by commas.
    public static func values(_ messages: [ProductionConversation.Message]) -> [String: String] {
        let turns = messages.enumerated().map { index, message in
            let lines = message.text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            return "[\(index + 1)] \(message.role.rawValue): " + lines.joined(separator: "\n    ")
        }
        let agent = messages.indices.filter { messages[$0].role == .agent }.map { String($0 + 1) }
        return [turnsVariable: turns.joined(separator: "\n"), agentTurnsVariable: agent.joined(separator: ", ")]
    }

    /// Reads the judge's answer: the first JSON object with a `contradictions` key (fences and prose around it are
    /// tolerated), each entry two agent turns in order and an optional `reason`; a pair named twice counts once.
    /// - Throws: ``JudgeAnswerError`` naming the first problem.
    public static func parse(_ answer: String, messages: [ProductionConversation.Message]) throws(JudgeAnswerError) -> [QualityFinding] {
        func fail(_ problem: String) -> JudgeAnswerError { JudgeAnswerError(problem: problem, answer: answer) }
        let expected = #"expected one JSON object {"contradictions": [{"earlier": N, "later": N, "reason": "…"}]}"#
        let object: [String: JSONValue]
        switch LenientJSON.firstObject(in: answer, where: { $0["contradictions"] != nil }) {
        case .object(let found): object = found
        case .truncated: throw fail("the answer was cut off before its JSON object closed")
        case .unreadable, .none:
            throw fail(expected + "; the answer holds none that parses")
        }
        guard let list = object["contradictions"] else {
            throw fail(expected + "; the answer holds none with a \"contradictions\" key (the first that parses has "
                       + (object.isEmpty ? "no keys)" : "keys: \(object.keys.sorted().joined(separator: ", ")))"))
        }
        guard case .array(let entries) = list else { throw fail("\"contradictions\" must be a list, found \(describe(list))") }
        let agent = messages.indices.filter { messages[$0].role == .agent }.map { $0 + 1 }
        var findings: [QualityFinding] = []
        for (index, entry) in entries.enumerated() {
            let position = "contradiction \(index + 1)"
            guard case .object(let pair) = entry else { throw fail("\(position) must be an object, found \(describe(entry))") }
            func turn(_ key: String) throws(JudgeAnswerError) -> Int {
                guard let value = pair[key] else { throw fail("\(position) has no \"\(key)\" turn number") }
                let whole: Int? = switch value {
                case .int(let number): number
                case .double(let number) where number.rounded() == number && abs(number) < 1e9: Int(number)
                default: nil
                }
                guard let number = whole else { throw fail("\(position): \"\(key)\" must be a turn number, found \(describe(value))") }
                guard agent.contains(number) else {
                    throw fail("\(position): turn \(number) is not an agent turn; the agent turns are \(agent.map(String.init).joined(separator: ", "))")
                }
                return number
            }
            let earlier = try turn("earlier"), later = try turn("later")
            guard earlier < later else { throw fail("\(position): \"earlier\" (turn \(earlier)) must come before \"later\" (turn \(later))") }
            var reason = "judge"
            switch pair["reason"] {
            case nil, .null?: break
            case .string(let text)?:
                let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
                if !flat.isEmpty { reason = "judge: " + (flat.count > reasonCharacters ? String(flat.prefix(reasonCharacters)) + "…" : flat) }
            case let other?: throw fail("\(position): \"reason\" must be text, found \(describe(other))")
            }
            guard !findings.contains(where: { $0.earlier.number == earlier && $0.later.number == later }) else { continue }
            findings.append(QualityFinding(kind: .contradiction, earlier: .init(number: earlier, text: messages[earlier - 1].text),
                                           later: .init(number: later, text: messages[later - 1].text), reason: reason))
        }
        return findings.sorted { ($0.later.number, $0.earlier.number) < ($1.later.number, $1.earlier.number) }
    }

    /// A JSON value as a message names it: `a string ("two")`, `a number (2.5)`, `an object`.
    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return "a boolean (\(flag))"
        case .int(let number): return "a number (\(number))"
        case .double(let number): return "a number (\(number))"
        case .string(let text): return "a string (\"\(JudgeAnswerError.quote(text).prefix(40))\")"
        case .array: return "a list"
        case .object: return "an object"
        }
    }
}
