extension ReportFormat {
    /// The per-scenario lines a report rendered in this format needs: text, Markdown and HTML list the
    /// scenario runs that did not pass; JSON, JUnit and CSV list every one.
    public var reportLines: RunReport.Lines { [.text, .markdown, .html].contains(self) ? .failures : .all }
}
