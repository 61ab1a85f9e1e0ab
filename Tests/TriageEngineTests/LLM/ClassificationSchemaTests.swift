import Foundation
import Testing
@testable import TriageEngine

/// The answer schema comes from the taxonomy and satisfies OpenAI's strict mode.
@Suite("Classification schema")
struct ClassificationSchemaTests {
    private func schema(stage: Int) throws -> [String: Any] {
        let spec = ClassificationSchema.make(taxonomy: Fixtures.policy.taxonomy, stage: stage)
        return try #require(try JSONSerialization.jsonObject(with: Data(spec.schemaJSON.utf8)) as? [String: Any])
    }

    @Test func stageOne() throws {
        let spec = ClassificationSchema.make(taxonomy: Fixtures.policy.taxonomy, stage: 1)
        #expect(spec.name == "triage_classification")
        let schema = try schema(stage: 1)
        #expect(schema["type"] as? String == "object")
        #expect(schema["additionalProperties"] as? Bool == false)
        let properties = try #require(schema["properties"] as? [String: [String: Any]])
        #expect(Set(properties.keys) == ["category", "confidence", "priority", "sentiment", "sentiment_score", "churn_risk", "reason"])
        // Strict mode: every property is required.
        #expect(Set(schema["required"] as? [String] ?? []) == Set(properties.keys))
        #expect(properties["category"]?["enum"] as? [String] == Fixtures.policy.taxonomy.categoryNames)
        #expect(properties["sentiment"]?["enum"] as? [String] == ["angry", "frustrated", "positive", "neutral"])
        #expect(properties["priority"]?["enum"] as? [String] == ["urgent", "high", "normal", "low"])
        #expect(properties["confidence"]?["type"] as? String == "number")
        #expect(properties["churn_risk"]?["type"] as? String == "boolean")
    }

    @Test func stageTwoAddsChanged() throws {
        #expect(ClassificationSchema.make(taxonomy: Fixtures.policy.taxonomy, stage: 2).name == "triage_reclassification")
        let schema = try schema(stage: 2)
        let properties = try #require(schema["properties"] as? [String: [String: Any]])
        #expect(properties["changed"]?["type"] as? String == "boolean")
        #expect(schema["required"] as? [String] == ClassificationSchema.keys(stage: 2))
        #expect(ClassificationSchema.keys(stage: 2).last == "changed")
    }

    /// A renamed category reaches the schema without touching Swift.
    @Test func followsTheTaxonomy() throws {
        let text = Fixtures.taxonomyText.replacingOccurrences(of: "{name: how_to,", with: "{name: usage_question,")
        let taxonomy = try PolicyLoader.loadTaxonomy(YAMLFile(path: "rules/taxonomy.yaml", text: text))
        let spec = ClassificationSchema.make(taxonomy: taxonomy, stage: 1)
        #expect(spec.schemaJSON.contains("\"usage_question\""))
        #expect(!spec.schemaJSON.contains("\"how_to\""))
    }
}
