import Foundation

/// The report of a stored run or group rendered in a format (`triage-eval report`), each the cheapest way the
/// store allows: a single run's JSON on standard output is streamed from a cursor (its lines never sit in memory
/// at once); a group's HTML pairs the group's results with the baselines in memory for its comparison; every
/// other report is built from the store's aggregates (a group's shards as one run).
public enum StoredReport {
    /// Where a rendered report goes.
    public enum Destination {
        /// Written in pieces as they are made (standard output); a single run's JSON is streamed here.
        case stream(([UInt8]) throws -> Void)
        /// Rendered whole and returned (written to a file as well as printed).
        case text
    }

    /// The report's text (nil when streamed to the destination) and whether its gates passed.
    public struct Rendered: Sendable {
        /// The whole text, or nil when it was streamed.
        public var text: String?
        /// Whether every gate of the run held.
        public var gatesPassed: Bool
    }

    /// Renders the report of `reference` in `format`; nil when the store has no such run or group.
    /// - Throws: ``GroupError`` when a group's shards cannot be merged.
    public static func render(_ reference: RunReference, store: any RunStore, format: ReportFormat, to destination: Destination) throws -> Rendered? {
        var group = false
        if case .group = reference { group = true }
        if group && format == .html {
            // The HTML report's baseline comparison pairs the group's results in memory.
            guard let input = try Comparison.Input.load(reference, from: store) else { return nil }
            let report = try RunReport.build(input: input, store: store)
            return Rendered(text: try HTMLReport.build(for: report, store: store, candidate: input).render(), gatesPassed: report.gatesPassed)
        }
        if format == .json, !group, case .stream(let write) = destination {
            guard let id = try reference.resolve(in: store), let report = try RunReport.streamJSON(run: id, store: store, to: write) else { return nil }
            return Rendered(text: nil, gatesPassed: report.gatesPassed)
        }
        guard let report = try RunReport.build(reference, store: store, lines: format.reportLines) else { return nil }
        let text = format == .html ? try HTMLReport.build(for: report, store: store).render() : try report.render(format)
        return Rendered(text: text, gatesPassed: report.gatesPassed)
    }
}
