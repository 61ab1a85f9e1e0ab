import Foundation
import TriageEngine

/// `triage-eval learn report`: the queue by source and status, and how the current engine does on the applied
/// items (the mistakes production made, re-checked).
public struct LearningReport: Sendable, Equatable {
    /// Items by source, then status.
    public var counts: [LearnItem.Source: [LearnItem.Status: Int]]
    /// Applied items re-checked.
    public var checked: Int
    /// Of those, how many the engine now labels right on every labelled field.
    public var correct: Int
    /// Right answers per field (`category`, `escalate`, `team`, `priority`): right and labelled.
    public var fields: [String: (right: Int, labelled: Int)]
    /// The conversation ids still labelled wrong, with the fields that differ.
    public var wrong: [(conversation: String, fields: [String])]

    /// Compares two reports.
    public static func == (lhs: LearningReport, rhs: LearningReport) -> Bool {
        lhs.counts == rhs.counts && lhs.checked == rhs.checked && lhs.correct == rhs.correct
            && lhs.fields.mapValues { [$0.right, $0.labelled] } == rhs.fields.mapValues { [$0.right, $0.labelled] }
            && lhs.wrong.map { [$0.conversation] + $0.fields } == rhs.wrong.map { [$0.conversation] + $0.fields }
    }

    /// Builds the report: every item of `store`, the applied ones triaged by `pipeline`.
    public static func build(store: any RunStore, pipeline: TriagePipeline, taxonomy: Taxonomy) async throws -> LearningReport {
        let items = try store.learnItems(status: nil)
        var counts: [LearnItem.Source: [LearnItem.Status: Int]] = [:]
        for item in items { counts[item.source, default: [:]][item.status, default: 0] += 1 }
        var report = LearningReport(counts: counts, checked: 0, correct: 0, fields: [:], wrong: [])
        for field in LearningQueue.labelFields { report.fields[field] = (0, 0) }
        for item in items where item.status == .applied {
            guard let expected = item.expected else { continue }
            let c = item.conversation
            let ticket = Ticket(id: item.scenarioID, channel: c.channel, plan: c.plan ?? taxonomy.planNames.first ?? "", customer: c.customer ?? "",
                                subject: c.subject, messages: c.messages.map { Message(role: $0.role == .agent ? .agent : .customer, text: $0.text) })
            let decision = try await pipeline.triage(ticket)
            let actual: [String: String] = ["category": decision.classification.category, "escalate": String(decision.escalate),
                                            "team": decision.team ?? "none", "priority": decision.priority]
            let wanted: [String: String?] = ["category": expected.category, "escalate": expected.escalate.map { String($0) },
                                             "team": expected.team, "priority": expected.priority]
            var differing: [String] = []
            for field in LearningQueue.labelFields {
                guard let want = wanted[field] ?? nil else { continue }
                report.fields[field]!.labelled += 1
                if actual[field] == want { report.fields[field]!.right += 1 } else { differing.append(field) }
            }
            report.checked += 1
            if differing.isEmpty { report.correct += 1 } else { report.wrong.append((c.id, differing)) }
        }
        return report
    }

    /// The report as text.
    public var text: String {
        var lines = ["Learning queue"]
        let statuses = LearnItem.Status.allCases
        lines.append("  " + "source".padding(toLength: 12, withPad: " ", startingAt: 0)
                     + statuses.map { $0.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0) }.joined() + "total")
        for source in LearnItem.Source.allCases {
            let row = counts[source] ?? [:]
            lines.append("  " + source.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)
                         + statuses.map { String(row[$0] ?? 0).padding(toLength: 10, withPad: " ", startingAt: 0) }.joined()
                         + String(row.values.reduce(0, +)))
        }
        lines.append("")
        guard checked > 0 else {
            lines.append("Applied items re-checked: none applied yet (`triage-eval learn apply --suite FILE`).")
            return lines.joined(separator: "\n") + "\n"
        }
        lines.append("Applied items re-checked with the current rules and prompts: \(checked)")
        lines.append("  all labels right: \(correct)/\(checked) (\(Self.percent(correct, checked)))")
        for field in LearningQueue.labelFields {
            let (right, labelled) = fields[field] ?? (0, 0)
            guard labelled > 0 else { continue }
            lines.append("  \(field): \(right)/\(labelled) (\(Self.percent(right, labelled)))")
        }
        if !wrong.isEmpty {
            lines.append("Still wrong:")
            for entry in wrong { lines.append("  \(entry.conversation): \(entry.fields.joined(separator: ", "))") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func percent(_ part: Int, _ whole: Int) -> String {
        String(format: "%.1f%%", whole == 0 ? 0 : Double(part) * 100 / Double(whole))
    }
}
