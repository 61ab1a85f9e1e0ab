import Foundation

extension LearnItem {
    /// One item of `learn list --format json`: everything but the conversation's messages and the embedding.
    struct Listed: Encodable {
        var id: Int64
        var conversationId: String
        var source: String
        var status: String
        var expected: ProductionConversation.Labels?
        var predicted: ProductionConversation.Labels?
        var duplicateOf: String?
        var similarity: Double?
        var reason: String?
        var appliedSuite: String?
        var scenarioId: String
        var createdAt: Date
        var decidedAt: Date?

        enum CodingKeys: String, CodingKey {
            case id, conversationId, source, status, expected, predicted, duplicateOf, similarity, reason, appliedSuite, scenarioId, createdAt, decidedAt
        }

        /// Every key is written, `null` when absent, so a reader sees the same keys on every item.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(conversationId, forKey: .conversationId)
            try container.encode(source, forKey: .source)
            try container.encode(status, forKey: .status)
            try container.encode(expected, forKey: .expected)
            try container.encode(predicted, forKey: .predicted)
            try container.encode(duplicateOf, forKey: .duplicateOf)
            try container.encode(similarity, forKey: .similarity)
            try container.encode(reason, forKey: .reason)
            try container.encode(appliedSuite, forKey: .appliedSuite)
            try container.encode(scenarioId, forKey: .scenarioId)
            try container.encode(createdAt, forKey: .createdAt)
            try container.encode(decidedAt, forKey: .decidedAt)
        }
    }

    /// Items as a JSON array (`learn list --format json`), keys sorted and snake_case, dates ISO 8601, absent values `null`.
    public static func listJSON(_ items: [LearnItem]) throws -> String {
        try jsonText(items.map { item in
            Listed(id: item.id, conversationId: item.conversationID, source: item.source.rawValue, status: item.status.rawValue,
                   expected: item.expected, predicted: item.predicted, duplicateOf: item.duplicateOf, similarity: item.similarity,
                   reason: item.reason, appliedSuite: item.appliedSuite, scenarioId: item.scenarioID, createdAt: item.createdAt,
                   decidedAt: item.decidedAt)
        })
    }

    /// The house JSON: pretty-printed, keys sorted and snake_case, dates ISO 8601, a final newline.
    static func jsonText<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}
