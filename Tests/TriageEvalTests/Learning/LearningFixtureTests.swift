import Foundation
import Testing
import TriageEngine
@testable import TriageEval

/// `learn import` on the sample export (`scripts/make_production_fixture.py`): items by kind, planted
/// near-duplicates caught and missed, idempotence, and no planted personal value anywhere afterwards.
@Suite("Learning: the sample production export")
struct LearningFixtureTests {
    struct Manifest: Decodable {
        struct Duplicate: Decodable { var id: String; var of: String }
        struct Value: Decodable { var kind: String; var value: String }
        var duplicates: [Duplicate]
        var personalValues: [Value]
    }

    static let directory = EvalFixtures.root + "/Tests/Fixtures/production/"
    static let export = directory + "export.jsonl"

    static func manifest() throws -> Manifest {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(Manifest.self, from: Data(contentsOf: URL(fileURLWithPath: directory + "manifest.json")))
    }

    /// An importer over the shipped rules and scenarios.
    static func importer() throws -> LearningImporter {
        let workspace = try EvalFixtures.workspace([EvalFixtures.root + "/scenarios"])
        let redactor = try RedactionLoader.load(directory: EvalFixtures.root + "/rules", environment: ["TRIAGE_EVAL_PSEUDONYM_KEY": "learn-tests"])
        return LearningImporter(redactor: redactor, taxonomy: workspace.policy.taxonomy, scenarios: workspace.scenarios)
    }

    @Test func importCreatesItemsByKindCatchesPlantedDuplicatesAndIsIdempotent() async throws {
        let store = try SQLiteStore(path: ":memory:")
        let importer = try Self.importer()
        let outcome = try await importer.importFiles([Self.export], into: store)
        #expect(outcome.errors.isEmpty)
        #expect(outcome.conversations == 240)
        // 46 corrections (23 urgent) and 21 conversations with negative feedback only (fixture script).
        #expect(outcome.created.count == 67)
        #expect(outcome.nothingToLearn == 173)
        let counts = LearnItem.Source.allCases.map { source in
            "\(source.rawValue): " + LearnItem.Status.allCases.map { "\($0.rawValue) \(outcome.count(source, $0))" }.joined(separator: ", ")
        }
        print("learn import of the sample export: \(counts.joined(separator: "; "))")

        let manifest = try Self.manifest()
        let byConversation = Dictionary(uniqueKeysWithValues: outcome.created.map { ($0.conversationID, $0) })
        var caught: [String] = [], missed: [String] = []
        for planted in manifest.duplicates {
            let item = try #require(byConversation[planted.id])
            let original = try #require(byConversation[planted.of])
            if item.status == .duplicate && item.duplicateOf == "item \(original.id)" { caught.append(planted.id) } else { missed.append(planted.id) }
        }
        let unplanted = outcome.created.filter { $0.status == .duplicate && !manifest.duplicates.map(\.id).contains($0.conversationID) }
        print("planted near-duplicates: \(manifest.duplicates.count), caught \(caught.count), missed \(missed.count); other items marked duplicate: \(unplanted.count)")
        #expect(caught.count == manifest.duplicates.count)
        #expect(missed == [])
        // Items are embedded from the subject and the customer's turns, not the agent's macros, so conversations of
        // one topic in different words stay apart. The one other duplicate is c-1125 of c-1055: the fixture script
        // drew the same subject, problem, detail and request for both, so their customer turns are the same words
        // but for a number (similarity 0.864): a duplicate by content that the manifest does not list.
        #expect(unplanted.map(\.conversationID) == ["c-1125"])
        #expect(unplanted.allSatisfy { ($0.similarity ?? 0) >= LearningImporter.defaultThreshold && ($0.duplicateOf ?? "").hasPrefix("item ") })
        #expect(manifest.duplicates.allSatisfy { (byConversation[$0.id]?.similarity ?? 0) >= 0.95 })
        #expect(outcome.count(.correction, .approved) == 23)
        #expect(outcome.count(.correction, .pending) == 22)
        #expect(outcome.count(.correction, .duplicate) == 1)
        #expect(outcome.count(.feedback, .pending) == 9)
        #expect(outcome.count(.feedback, .duplicate) == 12)

        let again = try await importer.importFiles([Self.export], into: store)
        #expect(again.created.isEmpty)
        #expect(again.alreadyImported == 67)
        #expect(try store.learnItems(status: nil).count == 67)
    }

    /// Every text of every table, every line of the learned suite, `learn list` and `learn report`: none holds a
    /// planted personal value (and the export does, so the check can fail).
    @Test func noPlantedPersonalValueReachesTheStoreTheSuiteOrAReport() async throws {
        let directory = try EvalFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("runs.sqlite").path
        let store = try SQLiteStore(path: path)
        let importer = try Self.importer()
        _ = try await importer.importFiles([Self.export], into: store)
        let queue = LearningQueue(store: store, taxonomy: EvalFixtures.policy.taxonomy, redactor: importer.redactor)
        for item in try store.learnItems(status: .pending) where item.expected == nil {
            try queue.label(item.id, assignments: ["category=billing", "escalate=true", "team=billing", "priority=high"])
        }
        // A reviewer's reason naming the customer and one planted value of each kind: redacted before it is stored.
        let rejected = try #require(try store.learnItems(status: .pending).first)
        let unredacted = ProductionExportReader(taxonomy: EvalFixtures.policy.taxonomy).read(paths: [Self.export]).conversations
        let name = try #require(unredacted.first { $0.id == rejected.conversationID }?.customer)
        var kinds = Set<String>()
        let values = try Self.manifest().personalValues.filter { $0.kind != "name" && kinds.insert($0.kind).inserted }.map(\.value)
        #expect(values.count == 5)
        try queue.reject([rejected.id], reason: "not a triage mistake: \(name) was testing; " + values.joined(separator: ", "))
        #expect(try store.learnItem(rejected.id)?.reason == "not a triage mistake: \(try #require(rejected.conversation.customer)) was testing; "
            + "[email], [phone], [card], [iban], [address]")
        _ = try queue.approveAll()
        let suitePath = directory.appendingPathComponent("learned.yaml").path
        let applied = try LearnedSuiteWriter(taxonomy: EvalFixtures.policy.taxonomy).apply(store: store, path: suitePath)
        #expect(applied.applied.count == 53)
        let workspace = try EvalFixtures.workspace([])
        let report = try await LearningReport.build(store: store, pipeline: TriagePipeline(policy: workspace.policy, replies: workspace.replies),
                                                    taxonomy: workspace.policy.taxonomy)

        var outputs: [String: Data] = [:]
        outputs["learned.yaml"] = try Data(contentsOf: URL(fileURLWithPath: suitePath))
        for format in LearningFormat.allCases { outputs["learn report --format \(format.rawValue)"] = Data(try report.rendered(as: format).utf8) }
        outputs["learn list --format json"] = Data(try LearnItem.listJSON(try store.learnItems(status: nil)).utf8)
        outputs["items"] = Data(try store.learnItems(status: nil).map { "\($0)" }.joined(separator: "\n").utf8)
        for (place, dump) in try await LearningEvidence.tableDumps(store) { outputs[place] = dump }
        #expect(outputs["store table learn_item"].map { $0.count > 10_000 } == true)
        let raw = try Data(contentsOf: URL(fileURLWithPath: Self.export))
        let manifest = try Self.manifest()
        #expect(manifest.personalValues.filter { raw.range(of: Data($0.value.utf8)) == nil }.map(\.value) == [])
        var leaks: [String] = []
        for planted in manifest.personalValues {
            let forms = [planted.value, planted.value.replacingOccurrences(of: " ", with: "")]
            for (name, data) in outputs.sorted(by: { $0.key < $1.key }) where forms.contains(where: { data.range(of: Data($0.utf8)) != nil }) {
                leaks.append("\(planted.kind) \(planted.value) in \(name)")
            }
        }
        print("planted personal values (\(manifest.personalValues.count)) found in store, learned.yaml, list or report: \(leaks.count)")
        #expect(leaks == [])
    }

    /// What `bench learn` prints for the sample export, and that its search for planted values can fail: with a
    /// redactor without patterns, e-mail addresses and the rest reach the store.
    @Test func benchEvidenceOnTheSampleExport() async throws {
        let directory = try EvalFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let conversations = ProductionExportReader(taxonomy: EvalFixtures.policy.taxonomy).read(paths: [Self.export]).conversations
        let manifest = try LearningEvidence.Manifest.load(path: Self.directory + "manifest.json")
        let workspace = try EvalFixtures.workspace([])
        let pipeline = TriagePipeline(policy: workspace.policy, replies: workspace.replies)
        let importer = try Self.importer()
        let evidence = try await LearningEvidence.run(conversations: conversations, manifest: manifest, importer: importer,
                                                      pipeline: pipeline, directory: directory.path)
        print(evidence.text)
        #expect(evidence.text == """
            learn import evidence: 240 conversations: 67 items, 173 with nothing to learn
              feedback: 21 (9 pending, 12 duplicate)
              correction: 46 (22 pending, 23 approved at once (urgent), 1 duplicate)
              planted near-duplicates: 12; caught 12, missed 0; other items marked duplicate: 1
              planted personal values: 318; found in the store, the applied suite (53 items), learn list or learn report: 0
            """)
        #expect(evidence.falseDuplicates == ["c-1125"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == [])

        var leaky = importer
        leaky.redactor = Redactor(rules: [], pseudonymizer: importer.redactor.pseudonymizer)
        let leaked = try await LearningEvidence.run(conversations: conversations, manifest: manifest, importer: leaky,
                                                    pipeline: pipeline, directory: directory.path)
        #expect(leaked.leaks.contains("email #1 in store table learn_item"))
        #expect(!leaked.leaks.contains { $0.hasPrefix("name ") })
    }
}
