import Foundation
import TriageEngine

/// Writes approved queue items into a suite file as scenarios (`triage-eval learn apply`).
///
/// The file keeps everything it holds; new scenarios are appended to its `scenarios:` list (a new file gets a
/// `suite:` named after the file). The result is loaded with ``SuiteLoader`` before it replaces the file, through
/// a temporary file and a rename, so a bad result leaves the file as it was.
public struct LearnedSuiteWriter: Sendable {
    /// Checks the result.
    public var taxonomy: Taxonomy

    /// Creates a writer.
    public init(taxonomy: Taxonomy) { self.taxonomy = taxonomy }

    /// What `apply` wrote.
    public struct Outcome: Sendable {
        /// The items written, marked applied.
        public var applied: [LearnItem]
        /// The suite as loaded after writing.
        public var suite: Suite
    }

    /// Appends every approved item of `store` to the suite at `path`, then marks them applied.
    /// - Throws: ``LearningError`` when nothing is approved or the file cannot take scenarios; a ``LoadError``
    ///   when the result does not load (the file is left unchanged).
    public func apply(store: any RunStore, path: String, at date: Date = Date()) throws -> Outcome {
        let approved = try store.learnItems(status: .approved)
        guard !approved.isEmpty else { throw LearningError("no approved items to apply; `triage-eval learn approve ID…` first") }
        let existing = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
        let text = try Self.appending(approved, to: existing, path: path, taxonomy: taxonomy)
        let suite = try SuiteLoader(taxonomy: taxonomy).load(file: YAMLFile(path: path, text: text))
        try Self.replace(path: path, with: text)
        let applied = approved.map { item in
            var item = item
            item.status = .applied
            item.appliedSuite = path
            item.decidedAt = date
            return item
        }
        try store.updateLearnItems(applied)
        return Outcome(applied: applied, suite: suite)
    }

    /// The file's text with the items appended as scenarios (a new suite when `existing` is nil).
    static func appending(_ items: [LearnItem], to existing: String?, path: String, taxonomy: Taxonomy) throws -> String {
        var text: String
        if let existing {
            let topLevel = existing.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { line in line.first.map { $0.isLetter } ?? false }
            guard topLevel.last.map({ $0.hasPrefix("scenarios:") }) == true else {
                throw LearningError("\(path): cannot append: expected `scenarios:` to be the file's last top-level key")
            }
            text = existing.hasSuffix("\n") ? existing : existing + "\n"
        } else {
            let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            let name = String(stem.lowercased().map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" ? $0 : "_" })
            text = "suite: \(name.first?.isLetter == true ? name : "learned")\n"
                + "description: Tickets production got wrong, learned with triage-eval learn apply\n"
                + "scenarios:\n"
        }
        for item in items { text += scenario(item, taxonomy: taxonomy) }
        return text
    }

    /// One scenario entry, two-space indented, every free text a double-quoted YAML string.
    static func scenario(_ item: LearnItem, taxonomy: Taxonomy) -> String {
        let c = item.conversation
        var lines = ["  - id: \(item.scenarioID)",
                     "    channel: \(quoted(c.channel))",
                     "    plan: \(quoted(c.plan ?? taxonomy.planNames.first ?? ""))",
                     "    customer: \(quoted(c.customer ?? "Customer"))"]
        if let subject = c.subject { lines.append("    subject: \(quoted(subject))") }
        lines.append("    messages:")
        for message in c.messages { lines.append("      - {role: \(message.role.rawValue), text: \(quoted(message.text))}") }
        if let labels = item.expected {
            var fields = ["category: \(quoted(labels.category))"]
            if let escalate = labels.escalate { fields.append("escalate: \(escalate)") }
            if let team = labels.team { fields.append("team: \(quoted(team))") }
            if let priority = labels.priority { fields.append("priority: \(quoted(priority))") }
            lines.append("    expect: {\(fields.joined(separator: ", "))}")
        }
        lines.append("    tags: [learned, \(item.source.rawValue)]")
        return lines.joined(separator: "\n") + "\n"
    }

    /// A YAML double-quoted string (JSON string syntax, which YAML reads the same).
    static func quoted(_ text: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        return (try? encoder.encode(text)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
    }

    /// Replaces `path` with `text` through a temporary file beside it and a rename.
    static func replace(path: String, with text: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        let temporary = path + ".tmp-\(getpid())"
        try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
        guard rename(temporary, path) == 0 else {
            let code = errno
            try? FileManager.default.removeItem(atPath: temporary)
            throw LearningError("\(path): cannot replace the file: \(String(cString: strerror(code)))")
        }
    }
}
