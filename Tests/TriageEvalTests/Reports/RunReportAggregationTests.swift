import Foundation
import Testing
import TriageEngine
@testable import TriageEval

/// The report's figures come from ``RunAggregates`` and its JSON lines from ``PrettyJSONWriter``: both must give
/// byte for byte what the report gave before (the pre-aggregates build, kept in ``LegacyRunReport``, and
/// `JSONEncoder`), on random runs with repeats, errors, hostile text and labels outside the taxonomy.
@Suite("Report aggregation")
struct RunReportAggregationTests {
    static let gates = RunGates(suites: ["alpha": GateSet(accuracy: 0.5, alwaysRecall: 0.9)], run: GateSet(maxErrorRate: 0.05))

    @Test(arguments: [(UInt64(1), 1), (2, 3), (3, 5), (4, 2)])
    func theReportIsTheLegacyReportByteForByte(seed: UInt64, maxRepeats: Int) throws {
        let results = RandomResults.results(seed: seed, scenarios: 80, maxRepeats: maxRepeats)
        let run = RandomResults.run(gates: Self.gates)
        let report = RunReport.build(run: run, results: results)
        let legacy = LegacyRunReport.build(run: run, results: results)
        #expect(report == legacy)
        #expect(try report.renderJSON() == legacy.renderJSON())
        #expect(report.renderText() == legacy.renderText())
        #expect(report.repeats == (results.map(\.repeatIndex).max() ?? 0) + 1)
        #expect(!report.injection.flaggedIDs.isEmpty)
    }

    @Test func anEmptyRunIsTheLegacyReport() throws {
        let run = RandomResults.run()
        #expect(try RunReport.build(run: run, results: []).renderJSON() == LegacyRunReport.build(run: run, results: []).renderJSON())
    }

    @Test(arguments: [UInt64(5), 6])
    func theStreamedJSONIsTheEncodersByteForByte(seed: UInt64) throws {
        let report = RunReport.build(run: RandomResults.run(), results: RandomResults.results(seed: seed, scenarios: 40, maxRepeats: 3))
        #expect(report.results.contains { $0.actual == nil } && report.results.contains { !$0.failedChecks.isEmpty })
        #expect(try Self.streamed(report) == report.renderJSON())
    }

    @Test func theStreamedJSONOfARunWithoutResultsIsTheEncoders() throws {
        let report = RunReport.build(run: RandomResults.run(), results: [])
        #expect(try Self.streamed(report) == report.renderJSON())
        #expect(try Self.streamed(report).contains("\"results\" : [\n\n  ]"))
    }

    /// The writer alone against the encoder, on every control character and the characters JSON escapes.
    @Test func theWriterEscapesAsTheEncoderDoes() throws {
        var text = ""
        for scalar in 0..<0x80 { text.unicodeScalars.append(Unicode.Scalar(UInt8(scalar))) }
        text += "é😀\u{2028}\u{FEFF}"
        let line = RunReport.Result(id: text, suite: "s/\\", repeat: 3, passed: false, status: "failed", expected: Expectation(escalate: false),
                                    actual: nil, failedChecks: [CheckOutcome(field: "reply", expected: text, actual: "", passed: false)],
                                    decidingRule: nil, why: text, latencyMs: -0.0, error: nil, errorClass: "x", promptInjection: true)
        var writer = PrettyJSONWriter()
        line.write(into: &writer)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        #expect(String(decoding: writer.bytes, as: UTF8.self) == String(decoding: try encoder.encode(line), as: UTF8.self))
    }

    static func streamed(_ report: RunReport) throws -> String {
        var bytes: [UInt8] = []
        var chunks = 0
        try report.streamJSON(to: { bytes += $0; chunks += 1 }) { body in
            for line in report.results { try body(line) }
        }
        #expect(chunks >= 3)
        return String(decoding: bytes, as: UTF8.self)
    }
}
