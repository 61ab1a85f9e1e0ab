import Foundation
import GRDB
import TriageEngine

/// The evidence `triage-eval bench learn` prints for an export with a manifest of what was planted in it: items
/// by kind, planted near-duplicates caught and missed and items wrongly marked duplicate, and planted personal
/// values found anywhere after a whole review (every table of the store, the applied suite, `learn list` and
/// `learn report` in every format). Counted on one import into a scratch SQLite store.
public struct LearningEvidence: Sendable {
    /// What the export's generator planted (`manifest.json`, e.g. from `scripts/make_production_fixture.py`).
    public struct Manifest: Sendable, Decodable {
        /// A conversation sent again under another id.
        public struct Duplicate: Sendable, Decodable {
            /// The copy's conversation id.
            public var id: String
            /// The original's conversation id.
            public var of: String
        }
        /// A personal value written into the export.
        public struct Value: Sendable, Decodable {
            /// `email`, `phone`, `card`, `iban`, `address` or `name`.
            public var kind: String
            /// The value as written.
            public var value: String
        }
        /// The planted near-duplicates.
        public var duplicates: [Duplicate]
        /// The planted personal values.
        public var personalValues: [Value]

        /// Reads a manifest file (snake_case keys; other keys are ignored).
        public static func load(path: String) throws -> Manifest {
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            return try decoder.decode(Manifest.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        }
    }

    /// Conversations imported.
    public var conversations: Int
    /// Conversations with nothing to learn.
    public var nothingToLearn: Int
    /// Items created, by source and status.
    public var items: [LearnItem.Source: [LearnItem.Status: Int]]
    /// Planted near-duplicates.
    public var plantedDuplicates: Int
    /// Of those, marked a duplicate of their original.
    public var caught: [String]
    /// Of those, not.
    public var missed: [String]
    /// Items marked duplicate that were not planted as duplicates.
    public var falseDuplicates: [String]
    /// Planted personal values.
    public var plantedValues: Int
    /// Planted values found, as `kind #N in place` (N counts from 1 in the manifest; the value itself is not repeated).
    public var leaks: [String]
    /// Items applied to the scratch suite (so the suite is not empty when searched).
    public var applied: Int

    /// Imports `conversations` into a fresh store at `directory/evidence.sqlite`, then reviews like a user: labels
    /// every unlabelled pending item with the taxonomy's first category, rejects one with a reason holding one planted
    /// value of each kind and its customer's name, approves the rest, applies them to `directory/learned.yaml`, renders
    /// `learn report` (triaged by `pipeline`) and `learn list`, and searches all of it for the planted values.
    public static func run(conversations: [ProductionConversation], manifest: Manifest, importer: LearningImporter,
                           pipeline: TriagePipeline, directory: String, at date: Date = Date()) async throws -> LearningEvidence {
        let databasePath = directory + "/evidence.sqlite"
        let suitePath = directory + "/learned.yaml"
        SQLiteStore.removeDatabase(at: databasePath)
        try? FileManager.default.removeItem(atPath: suitePath)
        defer {
            SQLiteStore.removeDatabase(at: databasePath)
            try? FileManager.default.removeItem(atPath: suitePath)
        }
        let store = try SQLiteStore(path: databasePath)
        let outcome = try await importer.importConversations(conversations, into: store, at: date)
        var evidence = LearningEvidence(conversations: outcome.conversations, nothingToLearn: outcome.nothingToLearn, items: [:],
                                        plantedDuplicates: manifest.duplicates.count, caught: [], missed: [], falseDuplicates: [],
                                        plantedValues: manifest.personalValues.count, leaks: [], applied: 0)
        for item in outcome.created { evidence.items[item.source, default: [:]][item.status, default: 0] += 1 }
        let byConversation = Dictionary(outcome.created.map { ($0.conversationID, $0) }, uniquingKeysWith: { first, _ in first })
        for planted in manifest.duplicates {
            if let item = byConversation[planted.id], let original = byConversation[planted.of],
               item.status == .duplicate, item.duplicateOf == "item \(original.id)" {
                evidence.caught.append(planted.id)
            } else {
                evidence.missed.append(planted.id)
            }
        }
        let plantedIDs = Set(manifest.duplicates.map(\.id))
        evidence.falseDuplicates = outcome.created.filter { $0.status == .duplicate && !plantedIDs.contains($0.conversationID) }.map(\.conversationID)

        let taxonomy = importer.taxonomy
        let queue = LearningQueue(store: store, taxonomy: taxonomy, redactor: importer.redactor)
        let pending = try store.learnItems(status: .pending)
        if let rejected = pending.first {
            let name = conversations.first { $0.id == rejected.conversationID }?.customer
            var kinds = Set<String>()
            let values = manifest.personalValues.filter { $0.kind != "name" && kinds.insert($0.kind).inserted }.map(\.value)
            try queue.reject([rejected.id], reason: (["not a triage mistake: the customer was testing", name].compactMap { $0 } + values).joined(separator: ", "), at: date)
        }
        if let category = taxonomy.categoryNames.first {
            for item in try store.learnItems(status: .pending) where item.expected == nil {
                try queue.label(item.id, assignments: ["category=\(category)"], at: date)
            }
        }
        _ = try queue.approveAll(at: date)
        if !(try store.learnItems(status: .approved)).isEmpty {
            evidence.applied = try LearnedSuiteWriter(taxonomy: taxonomy).apply(store: store, path: suitePath, at: date).applied.count
        }
        let report = try await LearningReport.build(store: store, pipeline: pipeline, taxonomy: taxonomy)
        var outputs: [(String, Data)] = []
        if let suite = FileManager.default.contents(atPath: suitePath) { outputs.append(("the applied suite", suite)) }
        for format in LearningFormat.allCases { outputs.append(("learn report --format \(format.rawValue)", Data(try report.rendered(as: format).utf8))) }
        outputs.append(("learn list --format json", Data(try LearnItem.listJSON(try store.learnItems(status: nil)).utf8)))
        outputs += try await tableDumps(store)
        for (index, planted) in manifest.personalValues.enumerated() {
            let forms = Set([planted.value, planted.value.replacingOccurrences(of: " ", with: "")]).map { Data($0.utf8) }
            for (place, data) in outputs where forms.contains(where: { data.range(of: $0) != nil }) {
                evidence.leaks.append("\(planted.kind) #\(index + 1) in \(place)")
            }
        }
        return evidence
    }

    /// Every row of every table of a SQLite store, one text per table.
    static func tableDumps(_ store: SQLiteStore) async throws -> [(String, Data)] {
        try await store.writer.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").map { table in
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM \"\(table.replacingOccurrences(of: "\"", with: "\"\""))\"")
                return ("store table \(table)", Data(rows.map { $0.databaseValues.map(\.description).joined(separator: "|") }.joined(separator: "\n").utf8))
            }
        }
    }

    /// The evidence, a few lines.
    public var text: String {
        let total = items.values.flatMap(\.values).reduce(0, +)
        var lines = ["learn import evidence: \(conversations) conversations: \(total) items, \(nothingToLearn) with nothing to learn"]
        for source in LearnItem.Source.allCases {
            let row = items[source] ?? [:]
            let parts = LearnItem.Status.allCases.compactMap { status in
                row[status].map { "\($0) \(status == .approved && source == .correction ? "approved at once (urgent)" : status.rawValue)" }
            }
            lines.append("  \(source.rawValue): \(row.values.reduce(0, +)) (\(parts.isEmpty ? "none" : parts.joined(separator: ", ")))")
        }
        lines.append("  planted near-duplicates: \(plantedDuplicates); caught \(caught.count), missed \(missed.count)"
                     + (missed.isEmpty ? "" : " (\(missed.joined(separator: ", ")))") + "; other items marked duplicate: \(falseDuplicates.count)")
        lines.append("  planted personal values: \(plantedValues); found in the store, the applied suite (\(applied) items), learn list or learn report: \(leaks.count)")
        for leak in leaks.prefix(10) { lines.append("    \(leak)") }
        return lines.joined(separator: "\n")
    }
}
