import Foundation
import LoopbackServer
import Testing
import TriageEngine
@testable import TriageEval

/// The judge-model contradiction check against the in-process OpenAI stub: the turns it finds, its prompt, the
/// exact errors for unusable answers, the cache and replay, and runs that score `quality:` with the run's judge.
@Suite("Judge contradiction check", .serialized)
struct JudgeContradictionCheckTests {
    /// Customer, agent, customer, agent: the second agent turn says the opposite in other words (the offline
    /// check misses it: no negation, no number).
    static let conversation = ProductionConversation(id: "c-1", channel: "email", messages: [
        .init(role: .customer, text: "Was my refund approved?"),
        .init(role: .agent, text: "Yes, your refund of the March invoice has been approved."),
        .init(role: .customer, text: "So when does the money arrive?"),
        .init(role: .agent, text: "The refund request for the March invoice was declined\nby our billing team."),
    ], source: "export.jsonl:1")

    static let found = #"{"contradictions": [{"earlier": 2, "later": 4, "reason": "turn 2 approves the refund, turn 4 declines it"}]}"#

    /// A workspace over the shipped rules and prompts with the stub as model `stub`.
    static func workspace(_ stub: OpenAIStub) throws -> Workspace {
        var workspace = try EvalFixtures.workspace([])
        workspace.models.models.append(ModelConfig(name: "stub", provider: .openai, baseURL: stub.baseURL, model: "stub-model",
                                                   timeout: .seconds(5), inputPricePerMillion: 1, outputPricePerMillion: 2))
        return workspace
    }

    static func checker(_ stub: OpenAIStub, store: (any RunStore)? = nil, cache: CacheMode = .bypass) throws -> ConversationQualityChecker {
        try ConversationQualityChecker.make(workspace: workspace(stub), judge: "stub", embedding: nil, store: store, cacheMode: cache,
                                            retry: RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(1), jitter: 0), logger: EvalFixtures.logger)
    }

    /// The user message of the `index`th request the stub received.
    static func userMessage(_ stub: OpenAIStub, _ index: Int = 0) -> String {
        (stub.requests[index].jsonObject?["messages"] as? [[String: Any]])?.last?["content"] as? String ?? ""
    }

    static func errorText(_ body: () throws -> Any) -> String {
        do { _ = try body(); return "no error" } catch { return "\(error)" }
    }

    @Test func findsTheContradictionTheJudgeNamesWithItsTurns() async throws {
        let stub = try OpenAIStub(answer: { _ in "```json\n\(Self.found)\n```" })
        defer { stub.stop() }
        let checker = try Self.checker(stub)
        let log = CallLog()
        let quality = try await CallContext.$log.withValue(log) { try await checker.check(Self.conversation) }
        #expect(quality.contradictions == [QualityFinding(kind: .contradiction, earlier: .init(number: 2, text: Self.conversation.messages[1].text),
                                                          later: .init(number: 4, text: Self.conversation.messages[3].text),
                                                          reason: "judge: turn 2 approves the refund, turn 4 declines it")])
        #expect(quality.loops == [])
        #expect(quality.health == 65)
        let hash = try #require(try Self.workspace(stub).prompts["contradiction"]?.sha256)
        #expect(quality.checks == "loops: similarity >= 0.85 by hashed-trigram-512; contradictions: judge stub (prompt contradiction@\(hash.prefix(12)))")
        // One call for the conversation, with the numbered turns and the agent turns' numbers; purpose judge.
        #expect(stub.requestCount == 1)
        #expect(Self.userMessage(stub) == """
            Agent turns: 2, 4

            Conversation:
            [1] customer: Was my refund approved?
            [2] agent: Yes, your refund of the March invoice has been approved.
            [3] customer: So when does the money arrive?
            [4] agent: The refund request for the March invoice was declined
                by our billing team.
            """)
        #expect(log.records.map(\.purpose) == [ModelAssertionChecker.judgePurpose])
        #expect(log.records.map(\.errorClass) == [nil])
        // The offline check does not see this one: that is what the judge is for.
        #expect(OfflineContradictionCheck().findings(in: Self.conversation.messages) == [])
    }

    @Test func noContradictionAndNoCallWithFewerThanTwoAgentTurns() async throws {
        let stub = try OpenAIStub(answer: { _ in #"{"contradictions": []}"# })
        defer { stub.stop() }
        let checker = try Self.checker(stub)
        let quality = try await checker.check(Self.conversation)
        #expect(quality.findings == [])
        #expect(quality.health == 100)
        #expect(stub.requestCount == 1)
        let single = ProductionConversation(id: "c-2", channel: "email", messages: Array(Self.conversation.messages.prefix(2)), source: "x:2")
        #expect(try await checker.check(single).findings == [])
        #expect(stub.requestCount == 1)
    }

    @Test func malformedAnswerErrorsTheConversationWithTheExactMessage() async throws {
        let stub = try OpenAIStub(answer: { _ in #"Sure! {"contradictions": [{"earlier": 2, "later": 4}}"# })
        defer { stub.stop() }
        let checker = try Self.checker(stub)
        let log = CallLog()
        let error = await #expect(throws: JudgeAnswerError.self) {
            try await CallContext.$log.withValue(log) { try await checker.check(Self.conversation) }
        }
        #expect(error.map { "\($0)" } == #"judge_answer: expected one JSON object {"contradictions": [{"earlier": N, "later": N, "reason": "…"}]}; the answer holds none with a "contradictions" key (the first that parses has keys: earlier, later); the judge answered "Sure! {"contradictions": [{"earlier": 2, "later": 4}}""#)
        #expect(log.records.map(\.errorClass) == [JudgeAnswerError.errorClass])
        // In a report the conversation is errored, apart from the scored ones, never passed.
        let report = try await checker.report([Self.conversation, ProductionConversation(id: "c-3", channel: "email", messages: [.init(role: .customer, text: "hi")], source: "x:3")])
        #expect(report.conversations == 1)
        #expect(report.errored.map(\.id) == ["c-1"])
        #expect(report.errored.map(\.errorClass) == ["judge_answer"])
        #expect(report.text().hasPrefix("Conversation quality: 1 conversation scored, 1 errored, mean health 100.0; 0 with loops, 0 with contradictions\n"))
        #expect(report.text().hasSuffix("\n\nc-1 (errored, not scored, export.jsonl:1)\n  " + (error.map { "\($0)" } ?? "") + "\n"))
    }

    @Test func turnNumbersOutOfRangeAreAnError() async throws {
        let stub = try OpenAIStub(answer: { _ in #"{"contradictions": [{"earlier": 2, "later": 9, "reason": "r"}]}"# })
        defer { stub.stop() }
        let error = await #expect(throws: JudgeAnswerError.self) { try await Self.checker(stub).check(Self.conversation) }
        #expect(error?.problem == "contradiction 1: turn 9 is not an agent turn; the agent turns are 2, 4")
    }

    /// Every way an answer can be unusable, with its exact problem (the parse is pure: no server needed).
    @Test(arguments: [
        (#"{"contradictions": [{"earlier": 1, "later": 4}]}"#, "contradiction 1: turn 1 is not an agent turn; the agent turns are 2, 4"),
        (#"{"contradictions": [{"earlier": 4, "later": 2}]}"#, #"contradiction 1: "earlier" (turn 4) must come before "later" (turn 2)"#),
        (#"{"contradictions": [{"earlier": 2, "later": 2}]}"#, #"contradiction 1: "earlier" (turn 2) must come before "later" (turn 2)"#),
        (#"{"contradictions": [{"earlier": 2}]}"#, #"contradiction 1 has no "later" turn number"#),
        (#"{"contradictions": [{"earlier": "two", "later": 4}]}"#, #"contradiction 1: "earlier" must be a turn number, found a string ("two")"#),
        (#"{"contradictions": [{"earlier": 2.5, "later": 4}]}"#, #"contradiction 1: "earlier" must be a turn number, found a number (2.5)"#),
        (#"{"contradictions": [{"earlier": 2, "later": 4, "reason": 7}]}"#, #"contradiction 1: "reason" must be text, found a number (7)"#),
        (#"{"contradictions": [[2, 4]]}"#, "contradiction 1 must be an object, found a list"),
        (#"{"contradictions": "none"}"#, #""contradictions" must be a list, found a string ("none")"#),
        (#"{"pairs": []}"#, #"expected one JSON object {"contradictions": [{"earlier": N, "later": N, "reason": "…"}]}; the answer holds none with a "contradictions" key (the first that parses has keys: pairs)"#),
        (#"{"contradictions": [{"earlier": 2 "later": 4}]}"#, #"contradiction 1: "earlier" must be a turn number, found a string ("2 "later": 4")"#),
        (#"{"contradictions": [{"earlier": 2, "#, "the answer was cut off before its JSON object closed"),
        ("No contradictions here.", #"expected one JSON object {"contradictions": [{"earlier": N, "later": N, "reason": "…"}]}; the answer holds none that parses"#),
        ("", #"expected one JSON object {"contradictions": [{"earlier": N, "later": N, "reason": "…"}]}; the answer holds none that parses"#),
    ])
    func unusableAnswers(answer: String, problem: String) {
        #expect(throws: JudgeAnswerError(problem: problem, answer: answer)) {
            try JudgeContradictionCheck.parse(answer, messages: Self.conversation.messages)
        }
    }

    @Test func usableAnswersAreReadStrictlyButToleratePairsTwiceAndMissingReasons() throws {
        let answer = #"{"contradictions": [{"earlier": 2, "later": 4}, {"earlier": 2, "later": 4, "reason": "again"}], "note": "x"}"#
        let findings = try JudgeContradictionCheck.parse(answer, messages: Self.conversation.messages)
        #expect(findings.map { "\($0.earlier.number)-\($0.later.number) \($0.reason)" } == ["2-4 judge"])
        #expect(try JudgeContradictionCheck.parse(#"{"contradictions": [{"earlier": 2.0, "later": 4, "reason": null}]}"#, messages: Self.conversation.messages).count == 1)
        #expect(JudgeAnswerError(problem: "p", answer: String(repeating: "a", count: 300) + "\n\u{1B}[2J").description
                == "judge_answer: p; the judge answered \"\(String(repeating: "a", count: 200))…\"")
        #expect(JudgeAnswerError(problem: "p", answer: "x\n\u{1B}[2J").description == "judge_answer: p; the judge answered \"x \u{FFFD}[2J\"")
    }

    @Test func replaysFromTheCacheWithTheServerGone() async throws {
        let store = try SQLiteStore(path: ":memory:")
        let stub = try OpenAIStub(answer: { _ in Self.found })
        let recorded = try await Self.checker(stub, store: store, cache: .readWrite).check(Self.conversation)
        #expect(stub.requestCount == 1)
        let workspace = try Self.workspace(stub)
        stub.stop()
        let replay = try ConversationQualityChecker.make(workspace: workspace, judge: "stub", embedding: nil, store: store, cacheMode: .replayOnly,
                                                         logger: EvalFixtures.logger)
        let log = CallLog()
        let replayed = try await CallContext.$log.withValue(log) { try await replay.check(Self.conversation) }
        #expect(replayed == recorded)
        #expect(replayed.contradictions.count == 1)
        #expect(log.records.map(\.cached) == [true])
        // A conversation never recorded is errored (replay_miss), not passed.
        var other = Self.conversation
        other.messages[3].text = "Something else entirely, said at length."
        let report = try await replay.report([other])
        #expect(report.errored.map(\.errorClass) == ["replay_miss"])
    }

    @Test func setupErrorsNameTheModelOrPrompt() throws {
        let stub = try OpenAIStub()
        defer { stub.stop() }
        var workspace = try Self.workspace(stub)
        #expect(Self.errorText { try ConversationQualityChecker.make(workspace: workspace, judge: "nope", embedding: nil, store: nil, logger: EvalFixtures.logger) }
                .hasPrefix("unknown judge model \"nope\"; expected one of: "))
        workspace.prompts["contradiction"] = nil
        #expect(Self.errorText { try ConversationQualityChecker.make(workspace: workspace, judge: "stub", embedding: nil, store: nil, logger: EvalFixtures.logger) }
                == "a judge model for contradictions needs the prompt prompts/contradiction.yaml; not found")
        // Without models nothing is built and the checks are the offline ones.
        let offline = try ConversationQualityChecker.make(workspace: workspace, judge: nil, embedding: nil, store: nil, logger: EvalFixtures.logger)
        #expect(offline.checks == "loops: similarity >= 0.85 by hashed-trigram-512; contradictions: offline-negation-values-yesno")
    }
    /// A run with `--judge` scores `quality:` contradictions with the judge: its finding replaces the offline one,
    /// an unusable answer errors the scenario (`judge_answer`), and the stored result and report say which check ran.
    @Test func runsScoreQualityWithTheRunsJudge() async throws {
        let stub = try OpenAIStub(answer: { request in
            let user = (request.jsonObject?["messages"] as? [[String: Any]])?.last?["content"] as? String ?? ""
            if user.contains("won't find") { return #"{"contradictions": [{"earlier": 2, "later": 4, "reason": "help centre has it / has not"}]}"# }
            if user.contains("Export entry") { return "I cannot tell." }
            return #"{"contradictions": []}"#
        })
        defer { stub.stop() }
        var workspace = try EvalFixtures.workspace([EvalFixtures.root + "/Tests/Fixtures/quality/quality.yaml"])
        workspace.models.models.append(ModelConfig(name: "stub", provider: .openai, baseURL: stub.baseURL, model: "stub-model", timeout: .seconds(5)))
        let store = try SQLiteStore(path: ":memory:")
        let engine = try Engine.make(workspace: workspace, options: EngineOptions(judge: "stub", retry: RetryPolicy(maxAttempts: 1)), store: store,
                                     logger: EvalFixtures.logger)
        let outcome = try await Evaluation(workspace: workspace, engine: engine, concurrency: 1).run(store: store)
        #expect(stub.requestCount == 3)
        let results = try store.results(run: outcome.runID)
        #expect(results.map(\.scenarioID) == ["quality-clean", "quality-planted-loop", "quality-planted-contradiction"])
        #expect(results.map(\.status) == [.errored, .failed, .failed])
        #expect(results[0].errorClass == "judge_answer")
        #expect(results[0].error == #"judge_answer: expected one JSON object {"contradictions": [{"earlier": N, "later": N, "reason": "…"}]}; the answer holds none that parses; the judge answered "I cannot tell.""#)
        #expect(results[1].quality?.loops.count == 1)
        #expect(results[1].quality?.contradictions == [])
        let contradictions = try #require(results[2].quality?.contradictions)
        #expect(contradictions.map { "\($0.earlier.number)-\($0.later.number) \($0.reason)" } == ["2-4 judge: help centre has it / has not"])
        let hash = try #require(workspace.prompts["contradiction"]?.sha256.prefix(12))
        let checks = "loops: similarity >= 0.85 by hashed-trigram-512; contradictions: judge stub (prompt contradiction@\(hash))"
        #expect(results[2].quality?.checks == checks)
        #expect(try store.calls(run: outcome.runID).map(\.purpose) == ["judge", "judge", "judge"])
        #expect(try store.calls(run: outcome.runID).map(\.errorClass) == ["judge_answer", nil, nil])
        #expect(outcome.report.run.sources.contains { $0.kind == "prompt" && $0.path.hasSuffix("/contradiction.yaml") })
        #expect(outcome.report.quality?.checks == [checks])
        #expect(outcome.report.renderText().contains("\n  checks: \(checks)\n"))
        // Without a judge the same run is scored offline, and says so.
        let offline = try Engine.make(workspace: workspace, options: EngineOptions(), store: store, logger: EvalFixtures.logger)
        let second = try await Evaluation(workspace: workspace, engine: offline, concurrency: 1).run(store: store)
        #expect(stub.requestCount == 3)
        #expect(second.report.quality?.checks == ["loops: similarity >= 0.85 by hashed-trigram-512; contradictions: offline-negation-values-yesno"])
    }
}
