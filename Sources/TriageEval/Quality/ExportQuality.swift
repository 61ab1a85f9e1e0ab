import TriageEngine

/// Scores production exports without triaging them (`triage-eval quality`): reads every file, redacts each
/// good conversation with the rules' `redaction.yaml`, then checks loops, contradictions and health.
public struct ExportQuality: Sendable {
    /// The section, rendered.
    public var output: String
    /// The report behind it.
    public var report: QualityReport
    /// One error per bad line or unreadable file (the good lines are still scored).
    public var errors: [LoadError]

    /// Reads, redacts and scores `paths` with the rules in `rules`.
    /// - Throws: ``LoadError`` or ``LoadErrors`` when the rules or redaction file are bad (nothing is scored).
    /// Conversations are redacted before any model sees them; one whose check fails (an unusable judge answer,
    /// a model that cannot be reached) is listed in the report as errored. `progress`, when given, is told of
    /// every conversation and model call.
    public static func run(paths: [String], rules: String, format: QualityFormat, checker: ConversationQualityChecker = .init(),
                           environment: [String: String], progress: ((Int) -> ProgressReporter)? = nil) async throws -> ExportQuality {
        let policy = try PolicyLoader.load(directory: rules)
        let redactor = try RedactionLoader.load(directory: rules, environment: environment)
        let export = ProductionExportReader(taxonomy: policy.taxonomy, redactor: redactor).read(paths: paths)
        let report = try await checker.report(export.conversations.map(redactor.redact), progress: progress?(export.conversations.count))
        return ExportQuality(output: try report.rendered(as: format), report: report, errors: export.errors)
    }
}
