import Foundation
import Testing

/// `triage-eval schema`: prints the shipped schemas byte for byte and lists the kinds.
@Suite("CLI schema")
struct SchemaCLITests {
    @Test func printsTheSchemaOfAKind() throws {
        let result = try CLI.run(["schema", "suite"])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let shipped = try String(contentsOfFile: CLI.root + "/schemas/suite.schema.json", encoding: .utf8)
        #expect(result.stdout == shipped)
    }

    @Test func listsTheKindsWithTheirFiles() throws {
        let result = try CLI.run(["schema"])
        #expect(result.status == 0)
        #expect(result.stdout == """
            suite              scenarios/*.yaml
            taxonomy           rules/taxonomy.yaml
            escalation         rules/escalation.yaml
            lexicon            rules/lexicon.yaml
            redaction          rules/redaction.yaml
            prompt             prompts/{classify,reclassify,reply,judge,contradiction}.yaml
            replies            prompts/replies.yaml
            models             prompts/models.yaml, --models FILE
            production-export  production exports (*.jsonl)

            """)
    }

    @Test func anUnknownKindIsAnInputErrorListingTheKinds() throws {
        let result = try CLI.run(["schema", "suites"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("""
            Error: The value 'suites' is invalid for '<kind>'. Please provide one of the following:
              - suite
              - taxonomy
              - escalation
              - lexicon
              - redaction
              - prompt
              - replies
              - models
              - production-export

            """))
    }
}
