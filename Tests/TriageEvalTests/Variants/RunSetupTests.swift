import Foundation
import Testing
import TriageEngine
@testable import TriageEval

/// What the CLI hands to the harness: variant specs, run references, configurations, verdicts and the typed
/// fields, gate kinds and providers (whose stored encodings must not change).
@Suite("Run setup")
struct RunSetupTests {
    @Test func variantSpecReadsEveryKey() throws {
        let variant = try Variant(parsing: "v2.1=model:gpt-4o-mini,rules:r2,prompts:p2,prompt:classify=c.yaml,replies:templates")
        var expected = Variant(name: "v2.1")
        expected.model = "gpt-4o-mini"
        expected.rules = "r2"
        expected.prompts = "p2"
        expected.promptFiles = ["classify": "c.yaml"]
        expected.replies = .templates
        #expect(variant == expected)
    }

    @Test(arguments: [
        ("model:x", "expected NAME=SPEC, such as candidate=model:gpt-4o-mini"),
        ("a b=model:x", "invalid variant name \"a b\"; expected letters, digits, -, _ or ."),
        ("a=mdl:x", "unknown setting \"mdl:x\"; expected key:value with a key of: model, rules, prompts, prompt, replies"),
        ("a=model:", "model: has no value"),
        ("a=prompt:classify", "prompt:classify: expected prompt:NAME=FILE, such as prompt:classify=classify-v2.yaml"),
        ("a=replies:both", "replies:both: expected one of: model, templates"),
    ])
    func badVariantSpecsSayWhatWasExpected(spec: String, message: String) {
        #expect(EvalFixtures.errorText { try Variant(parsing: spec) } == message)
    }

    @Test func runReferences() {
        #expect(RunReference("latest") == .latest)
        #expect(RunReference("12") == .id(12))
        for text in ["0", "-1", "abc", "Latest", ""] { #expect(RunReference(text) == nil) }
        #expect(RunReference.id(12).description == "12")
    }

    @Test func runReferencesResolveOnlyToStoredRuns() throws {
        let directory = try EvalFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteStore(path: directory.appendingPathComponent("runs.sqlite").path)
        #expect(try RunReference.latest.resolve(in: store) == nil)
        let id = try store.startRun(SyntheticResults.run())
        #expect(try RunReference.latest.resolve(in: store) == id)
        #expect(try RunReference.id(id).resolve(in: store) == id)
        #expect(try RunReference.id(id + 1).resolve(in: store) == nil)
        #expect(try store.run(RunReference.id(id + 1)) == nil)
        // drift without a suite: the newest run's suites until a baseline is set, then the baselined suites.
        #expect(try DriftReport.defaultSuites(in: store) == ["s"])
        try store.setBaseline(suite: "t", run: id)
        #expect(try DriftReport.defaultSuites(in: store) == ["t"])
    }

    @Test func aVariantChangesOnlyWhatItNames() throws {
        var base = RunConfiguration(rules: "r", prompts: "p", suitePaths: ["s"], engine: EngineOptions(model: "m1", judge: "j"))
        base.promptFiles = ["reply": "reply-v1.yaml"]
        let changed = base.applying(try Variant(parsing: "b=model:m2,prompt:classify=c.yaml,replies:templates"))
        #expect(changed.variant == "b")
        #expect(changed.rules == "r" && changed.prompts == "p")
        #expect(changed.engine.model == "m2" && changed.engine.judge == "j" && !changed.engine.modelReplies)
        #expect(changed.promptFiles == ["reply": "reply-v1.yaml", "classify": "c.yaml"])
        #expect(base.applying(Variant(name: "a")).engine.model == "m1")
    }

    /// The synthetic run: gates fail (accuracy 0.4 < 0.5, always recall 0.5 < 1); r5 errored (1 of 5).
    func outcome(interruption: String? = nil, error: ModelError? = nil) -> Evaluation.Outcome {
        var results = SyntheticResults.results
        if let error {
            results[4].error = error.description
            results[4].errorClass = error.errorClass
        }
        let gates = RunGates(suites: ["s": GateSet(accuracy: 0.5)], run: GateSet(alwaysRecall: 1))
        let report = RunReport.build(run: SyntheticResults.run(gates: gates), results: results)
        return Evaluation.Outcome(runID: 7, status: interruption == nil ? .completed : .interrupted, report: report, interruption: interruption)
    }

    @Test func theVerdictIsDecidedInOnePlaceInOrder() {
        var configuration = RunConfiguration()
        // One of five scenario runs errored: past the default 5% error budget.
        #expect(configuration.verdict(for: outcome()) == .errorRateExceeded(rate: 0.2, limit: 0.05, byDefault: true))
        configuration.maxErrorRate = 1
        #expect(configuration.verdict(for: outcome()).exitStatus == .gateFailed)
        guard case .gatesFailed(let gates) = configuration.verdict(for: outcome()) else { Issue.record("expected failed gates"); return }
        #expect(gates.map(\.summary) == ["s: accuracy 0.400 < min 0.500 (scenarios: r2, r3, r5)", "run: always_recall 0.500 < min 1 (scenarios: r2)"])

        configuration.maxErrorRate = 0.2
        #expect(configuration.verdict(for: outcome()).exitStatus == .gateFailed)  // 1 of 5 is not more than 0.2
        configuration.maxErrorRate = 0.1
        #expect(configuration.verdict(for: outcome()) == .errorRateExceeded(rate: 0.2, limit: 0.1))

        let miss = ModelError.replayMiss
        #expect(configuration.verdict(for: outcome(error: miss)) == .errorRateExceeded(rate: 0.2, limit: 0.1))  // not a replay run
        configuration.engine.cacheMode = .replayOnly
        #expect(configuration.verdict(for: outcome(error: miss)) == .replayMisses(count: 1, first: "s/r5"))
        #expect(configuration.verdict(for: outcome(interruption: "received SIGINT", error: miss)) == .interrupted("received SIGINT"))
        #expect(RunVerdict.interrupted("x").exitStatus == .incomplete && !RunVerdict.interrupted("x").isComplete)
        #expect(RunVerdict.passed.exitStatus == .success)
    }

    @Test func recallGatesNameTaxonomyCategories() throws {
        let taxonomy = EvalFixtures.policy.taxonomy
        try GateSet(categoryRecall: ["billing": 0.9]).check(against: taxonomy)
        #expect(EvalFixtures.errorText { try GateSet(categoryRecall: ["billing": 0.9, "biling": 0.8]).check(against: taxonomy) }
                == "unknown category \"biling\"; expected one of: \(taxonomy.categoryNames.joined(separator: ", "))")
    }

    @Test func typedFieldsAndKindsEncodeAsBefore() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let gates = GateSet(fields: [.expectation(.churnRisk): 0.5, .reply: 1])
        #expect(String(decoding: try encoder.encode(gates), as: UTF8.self) == #"{"category_recall":{},"fields":{"churn_risk":0.5,"reply":1}}"#)
        #expect(try JSONDecoder().decode(GateSet.self, from: Data(#"{"category_recall":{},"fields":{"churn_risk":0.5,"reply":1}}"#.utf8)) == gates)
        let result = GateResult(name: "accuracy", scope: "run", kind: .max, threshold: 1, measured: 2, passed: false, scenarios: [])
        #expect(String(decoding: try encoder.encode(result), as: UTF8.self).contains(#""kind":"max""#))
        #expect(result.summary == "run: accuracy 2 > max 1")
        #expect(ScoredField.names == ["category", "escalate", "team", "priority", "sentiment", "churn_risk", "reply"])
        #expect(ScoredField(rawValue: "churn_risk") == .expectation(.churnRisk) && ScoredField(rawValue: "churnRisk") == nil)
        #expect("\(Expectation.Field.churnRisk)" == "churn_risk")
    }

    @Test func providersAreReadIntoTheEnum() throws {
        let file = YAMLFile(path: "models.yaml", text: """
            models:
              - {name: a, provider: anthropic, model: claude}
              - {name: b, provider: builtin}
              - {name: c, provider: openai, model: gpt}
            """)
        let catalog = try ModelCatalog.load(file: file)
        #expect(catalog.models.map(\.provider) == [.anthropic, .builtin, .openai])
        #expect(catalog.models.map(\.structuredOutput) == [false, false, true])
        #expect(catalog.models[1].model == "lexical")
        #expect(EvalFixtures.errorText { try ModelCatalog.load(file: YAMLFile(path: "models.yaml", text: "models:\n  - {name: a, provider: openia, model: m}\n")) }
                .hasPrefix("models.yaml:2:25: error: unknown provider \"openia\"; expected one of: openai, anthropic, builtin"))
    }

    @Test func aPromptFileIsReplacedAtLoadTimeAndAnUnknownNameIsAnError() throws {
        let directory = try EvalFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let replies = directory.appendingPathComponent("replies-v2.yaml").path
        try FileManager.default.copyItem(atPath: EvalFixtures.root + "/prompts/replies.yaml", toPath: replies)
        let suite = EvalFixtures.root + "/Tests/Fixtures/cli/pass.yaml"
        let workspace = try Workspace.load(rules: EvalFixtures.root + "/rules", prompts: EvalFixtures.root + "/prompts", promptFiles: ["replies": replies],
                                           suitePaths: [suite])
        #expect(workspace.replies.source.path == replies)
        #expect(workspace.rubricAssertionCount == 0)
        #expect(EvalFixtures.errorText {
            try Workspace.load(rules: EvalFixtures.root + "/rules", prompts: EvalFixtures.root + "/prompts", promptFiles: ["replys": replies], suitePaths: [suite])
        } == "\(replies): error: unknown prompt \"replys\" to replace; expected one of: classify, contradiction, judge, models, reclassify, replies, reply")
    }

    /// A project made before the judge's contradiction prompt existed: a run with --judge says its
    /// no_contradictions checks stay offline and how to add the prompt; with the prompt, or without a judge, it says nothing of it.
    @Test func aJudgeWithoutTheContradictionPromptIsNotedBeforeTheRun() throws {
        let directory = try EvalFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let prompts = directory.appendingPathComponent("prompts").path
        try FileManager.default.copyItem(atPath: EvalFixtures.root + "/prompts", toPath: prompts)
        let suite = EvalFixtures.root + "/Tests/Fixtures/quality/quality.yaml"
        let current = try Workspace.load(rules: EvalFixtures.root + "/rules", prompts: prompts, suitePaths: [suite])
        #expect(current.runNotes(judge: "judge") == [])
        try FileManager.default.removeItem(atPath: prompts + "/contradiction.yaml")
        let old = try Workspace.load(rules: EvalFixtures.root + "/rules", prompts: prompts, suitePaths: [suite])
        #expect(old.runNotes(judge: nil) == [])
        #expect(old.runNotes(judge: "judge") == [
            "3 scenarios with no_contradictions will be checked offline, not by the judge: the judge needs prompts/contradiction.yaml, "
            + "which this project lacks (`triage-eval init --missing` adds it and leaves every other file alone)"])
    }
}
