/// The formats a report renders to.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// For terminals.
    case text
    /// For pull-request comments.
    case markdown
    /// The documented, versioned machine format.
    case json
    /// JUnit XML, one test case per scenario run, for CI test reporters.
    case junit
    /// RFC 4180 CSV, one row per scenario run, for spreadsheets.
    case csv
    /// One self-contained HTML page (inline CSS and SVG, no network).
    case html

    /// The formats of reports that span runs (comparisons, drift): JUnit and CSV list one run's scenarios, so they are left out.
    public static let acrossRuns: [ReportFormat] = [.text, .markdown, .json, .html]
}

/// A report asked for a format it does not render to.
public struct UnsupportedReportFormat: Error, Sendable, Equatable, CustomStringConvertible {
    /// The report kind, e.g. `compare`.
    public var report: String
    /// The format asked for.
    public var format: ReportFormat
    /// The formats it does render to.
    public var supported: [ReportFormat]
    /// Where to look instead, if anywhere.
    public var hint: String?

    /// Creates the error.
    public init(report: String, format: ReportFormat, supported: [ReportFormat], hint: String? = nil) {
        self.report = report
        self.format = format
        self.supported = supported
        self.hint = hint
    }

    /// `compare does not render junit; it renders text, markdown, json or html (…)`.
    public var description: String {
        let names = supported.map(\.rawValue)
        let list = names.count > 1 ? names.dropLast().joined(separator: ", ") + " or " + names.last! : names.joined()
        return "\(report) does not render \(format.rawValue); it renders \(list)" + (hint.map { " (\($0))" } ?? "")
    }
}
