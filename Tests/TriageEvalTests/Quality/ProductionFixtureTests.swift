import Foundation
import Testing
import TriageEngine
@testable import TriageEval

/// The sample export (`scripts/make_production_fixture.py`) against what was planted in it: loops and
/// contradictions caught and missed, false alarms, and planted personal values found in any rendering.
@Suite("Production fixture: planted loops, contradictions and personal data")
struct ProductionFixtureTests {
    struct Manifest: Decodable {
        struct Planted: Decodable {
            var id: String
            var kind: String
            var earlier: Int
            var later: Int
            var expectCaught: Bool
        }
        struct Value: Decodable {
            var kind: String
            var value: String
        }
        var conversations: Int
        var loops: [Planted]
        var contradictions: [Planted]
        var personalValues: [Value]
    }

    struct Counts: Equatable, CustomStringConvertible {
        var caught = 0, missed = 0, missedExpected = 0, falseAlarms = 0
        var description: String { "caught \(caught), missed \(missed) (of which expected \(missedExpected)), false alarms \(falseAlarms)" }
    }

    /// Whether `haystack` holds `needle` byte for byte (Data's search: String.contains is slow in debug builds).
    static func occurs(_ needle: String, in haystack: Data) -> Bool { haystack.range(of: Data(needle.utf8)) != nil }

    static let directory = EvalFixtures.root + "/Tests/Fixtures/production/"

    static func manifest() throws -> Manifest {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(Manifest.self, from: Data(contentsOf: URL(fileURLWithPath: directory + "manifest.json")))
    }

    static func report() async throws -> QualityReport {
        let export = ProductionExportReader(taxonomy: EvalFixtures.policy.taxonomy).read(paths: [directory + "export.jsonl"])
        #expect(export.errors.isEmpty)
        let redactor = try RedactionLoader.load(directory: EvalFixtures.root + "/rules", environment: [:])
        return try await ConversationQualityChecker().report(export.conversations.map(redactor.redact))
    }

    /// Compares findings of one kind with what was planted (same conversation and turns).
    static func count(_ kind: QualityFinding.Kind, planted: [Manifest.Planted], in report: QualityReport) -> Counts {
        var counts = Counts()
        let found = report.failed.flatMap { conversation in conversation.findings.filter { $0.kind == kind }.map { (conversation.id, $0) } }
        for item in planted {
            if found.contains(where: { $0.0 == item.id && $0.1.earlier.number == item.earlier && $0.1.later.number == item.later }) {
                counts.caught += 1
            } else {
                counts.missed += 1
                if !item.expectCaught { counts.missedExpected += 1 } else { print("  unexpectedly missed \(kind.rawValue) \(item.kind) in \(item.id)") }
            }
        }
        counts.falseAlarms = found.filter { finding in
            !planted.contains { $0.id == finding.0 && $0.earlier == finding.1.earlier.number && $0.later == finding.1.later.number }
        }.count
        return counts
    }

    /// Every planted loop and contradiction the offline checks can see is caught (the misses are the planted
    /// paraphrases, which the hashed embedding and the offline contradiction check cannot see), with no false alarm.
    @Test func loopsAndContradictionsCaughtAndMissed() async throws {
        let manifest = try Self.manifest()
        let report = try await Self.report()
        #expect(report.conversations == manifest.conversations)
        let loops = Self.count(.loop, planted: manifest.loops, in: report)
        let contradictions = Self.count(.contradiction, planted: manifest.contradictions, in: report)
        print("production fixture: \(report.conversations) conversations, mean health \(String(format: "%.1f", report.meanHealth))")
        print("  loops (\(manifest.loops.count) planted): \(loops)")
        print("  contradictions (\(manifest.contradictions.count) planted): \(contradictions)")
        #expect(loops == Counts(caught: 29, missed: 6, missedExpected: 6, falseAlarms: 0))
        #expect(contradictions == Counts(caught: 35, missed: 6, missedExpected: 6, falseAlarms: 0))
    }

    @Test func noPlantedPersonalValueReachesAnyRendering() async throws {
        let manifest = try Self.manifest()
        let report = try await Self.report()
        let rendered = [report.text(), report.markdown(), try report.json()]
        let outputs = rendered.map { Data($0.utf8) }
        // The findings quote turns that carry planted e-mail addresses, so redaction is really exercised.
        #expect(rendered[0].contains("[email]"))
        var leaks: [String] = []
        for planted in manifest.personalValues {
            for output in outputs where Self.occurs(planted.value, in: output) { leaks.append("\(planted.kind): \(planted.value)") }
        }
        let kinds = Dictionary(grouping: manifest.personalValues, by: \.kind).mapValues(\.count)
        print("production fixture: \(manifest.personalValues.count) planted personal values \(kinds.sorted { $0.key < $1.key }), found in output: \(leaks.count)")
        #expect(leaks == [])
    }

    @Test func everyPlantedPersonalValueIsRedactedFromTheConversations() throws {
        let manifest = try Self.manifest()
        let text = try String(contentsOfFile: Self.directory + "export.jsonl", encoding: .utf8)
        let export = ProductionExportReader(taxonomy: EvalFixtures.policy.taxonomy).read(text: text, file: "export.jsonl")
        let redactor = try RedactionLoader.load(directory: EvalFixtures.root + "/rules", environment: [:])
        let redacted = try JSONEncoder().encode(export.conversations.map(redactor.redact))
        // Every planted value is in the raw export (so the check below can fail) and none survives redaction.
        #expect(manifest.personalValues.filter { !Self.occurs($0.value, in: Data(text.utf8)) }.map(\.value) == [])
        let survivors = manifest.personalValues.filter { Self.occurs($0.value, in: redacted) || Self.occurs($0.value.replacingOccurrences(of: " ", with: ""), in: redacted) }
        #expect(survivors.map(\.value) == [])
    }
}
