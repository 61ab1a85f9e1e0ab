import Foundation

extension LearningReport {
    /// The version of the JSON below; keys are only added within a version.
    public static let jsonFormatVersion = 1

    /// The JSON document (README, "Learning from production"): every source and status present, zeros included.
    struct Document: Encodable {
        struct Field: Encodable { var field: String; var right: Int; var labelled: Int }
        struct Wrong: Encodable { var conversationId: String; var fields: [String] }
        struct Rechecked: Encodable { var checked: Int; var correct: Int; var fields: [Field]; var wrong: [Wrong] }
        var formatVersion: Int
        var items: [String: [String: Int]]
        var total: Int
        var rechecked: Rechecked
    }

    /// Pretty-printed JSON, keys sorted and snake_case.
    public func json() throws -> String {
        var items: [String: [String: Int]] = [:]
        for source in LearnItem.Source.allCases {
            let row = counts[source] ?? [:]
            var entry = Dictionary(uniqueKeysWithValues: LearnItem.Status.allCases.map { ($0.rawValue, row[$0] ?? 0) })
            entry["total"] = row.values.reduce(0, +)
            items[source.rawValue] = entry
        }
        let document = Document(
            formatVersion: Self.jsonFormatVersion, items: items, total: counts.values.flatMap(\.values).reduce(0, +),
            rechecked: .init(checked: checked, correct: correct,
                             fields: LearningQueue.labelFields.map { .init(field: $0, right: fields[$0]?.right ?? 0, labelled: fields[$0]?.labelled ?? 0) },
                             wrong: wrong.map { .init(conversationId: $0.conversation, fields: $0.fields) }))
        return try LearnItem.jsonText(document)
    }
}
