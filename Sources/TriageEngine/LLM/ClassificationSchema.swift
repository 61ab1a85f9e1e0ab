/// The JSON Schema of a classification answer, built from the policy's taxonomy so that structured output
/// can only produce labels the policy knows.
///
/// Every property is listed in `required` and `additionalProperties` is false, as OpenAI's strict mode
/// demands; ranges are stated in descriptions because not every server accepts `minimum`/`maximum`.
public enum ClassificationSchema {
    /// The answer keys, in the order the prompts ask for them.
    public enum Key {
        /// The category label.
        public static let category = "category"
        /// Confidence in the category, 0...1.
        public static let confidence = "confidence"
        /// The suggested priority label.
        public static let priority = "priority"
        /// The sentiment label.
        public static let sentiment = "sentiment"
        /// The sentiment score, -1...1.
        public static let sentimentScore = "sentiment_score"
        /// Whether the customer may leave.
        public static let churnRisk = "churn_risk"
        /// A short reason.
        public static let reason = "reason"
        /// Stage 2: whether the category changed from stage 1.
        public static let changed = "changed"
    }

    /// The schema for a stage's answer: stage 2 adds `changed`.
    public static func make(taxonomy: Taxonomy, stage: Int) -> JSONSchemaSpec {
        var properties: [String: JSONValue] = [
            Key.category: label(taxonomy.categoryNames, "The category that best describes the customer's request"),
            Key.confidence: .object(["type": .string("number"), "description": .string("Confidence in the category, from 0 to 1")]),
            Key.priority: label(taxonomy.priorities, "The suggested priority, most urgent first in the list"),
            Key.sentiment: label(taxonomy.sentimentNames, "The customer's sentiment"),
            Key.sentimentScore: .object(["type": .string("number"), "description": .string("Sentiment from -1 (hostile) to 1 (delighted)")]),
            Key.churnRisk: .object(["type": .string("boolean"), "description": .string("Whether the customer signals they may leave")]),
            Key.reason: .object(["type": .string("string"), "description": .string("One short sentence explaining the labels")]),
        ]
        if stage == 2 {
            properties[Key.changed] = .object(["type": .string("boolean"),
                                               "description": .string("Whether the category differs from the stage-1 category")])
        }
        let schema: JSONValue = .object([
            "type": .string("object"),
            "properties": .object(properties),
            "required": .array(keys(stage: stage).map { .string($0) }),
            "additionalProperties": .bool(false),
        ])
        return JSONSchemaSpec(name: stage == 2 ? "triage_reclassification" : "triage_classification",
                              schemaJSON: String(decoding: schema.encoded(), as: UTF8.self))
    }

    /// The keys of a stage's answer, in prompt order.
    public static func keys(stage: Int) -> [String] {
        let base = [Key.category, Key.confidence, Key.priority, Key.sentiment, Key.sentimentScore, Key.churnRisk, Key.reason]
        return stage == 2 ? base + [Key.changed] : base
    }

    private static func label(_ names: [String], _ description: String) -> JSONValue {
        .object(["type": .string("string"), "enum": .array(names.map { .string($0) }), "description": .string(description)])
    }
}
