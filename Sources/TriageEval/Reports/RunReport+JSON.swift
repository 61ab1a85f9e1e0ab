import Foundation

extension RunReport {
    /// The report in the documented JSON format (pretty-printed, keys sorted, dates ISO 8601).
    public func renderJSON() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }

    /// Renders in a format (HTML without drift or comparison; see ``HTMLReport`` for those).
    public func render(_ format: ReportFormat) throws -> String {
        switch format {
        case .text: return renderText()
        case .markdown: return renderMarkdown()
        case .json: return try renderJSON()
        case .junit: return renderJUnit()
        case .csv: return renderCSV()
        case .html: return HTMLReport(run: self).render()
        }
    }
}
