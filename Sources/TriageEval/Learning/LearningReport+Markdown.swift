extension LearningReport {
    /// The report as a markdown section: the queue as a table, then the applied items re-checked.
    public var markdown: String {
        let statuses = LearnItem.Status.allCases
        var lines = ["## Learning queue", "",
                     "| source | " + statuses.map(\.rawValue).joined(separator: " | ") + " | total |",
                     "|---|" + String(repeating: "---:|", count: statuses.count + 1)]
        for source in LearnItem.Source.allCases {
            let row = counts[source] ?? [:]
            lines.append("| \(source.rawValue) | " + statuses.map { String(row[$0] ?? 0) }.joined(separator: " | ")
                         + " | \(row.values.reduce(0, +)) |")
        }
        lines.append("")
        guard checked > 0 else {
            lines.append("Applied items re-checked: none applied yet (`triage-eval learn apply --suite FILE`).")
            return lines.joined(separator: "\n") + "\n"
        }
        lines += ["### Applied items re-checked with the current rules and prompts", "",
                  "\(checked) re-checked; all labels right: \(correct)/\(checked) (\(Self.percent(correct, checked)))", "",
                  "| field | right | labelled | share |", "|---|---:|---:|---:|"]
        for field in LearningQueue.labelFields {
            let (right, labelled) = fields[field] ?? (0, 0)
            guard labelled > 0 else { continue }
            lines.append("| \(field) | \(right) | \(labelled) | \(Self.percent(right, labelled)) |")
        }
        if !wrong.isEmpty {
            lines += ["", "Still wrong:", ""]
            for entry in wrong { lines.append("- `\(entry.conversation)`: \(entry.fields.joined(separator: ", "))") }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
