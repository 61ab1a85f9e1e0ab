import Foundation
import Testing
@testable import TriageEngine

/// Prompt files: the shipped ones load and render; mistakes are positioned errors pinned as exact text.
@Suite("Prompt templates")
struct PromptTemplateTests {
    @Test(arguments: ["classify", "reclassify", "reply"])
    func shippedPromptLoads(_ name: String) throws {
        let path = Fixtures.root + "/prompts/\(name).yaml"
        let prompt = try PromptTemplate.load(path: path)
        #expect(prompt.id == name)
        #expect(prompt.version == 1)
        #expect(prompt.path == path)
        #expect(prompt.sha256 == SHA256.hex(try Data(contentsOf: URL(fileURLWithPath: path))))
        #expect(prompt.source == SourceFile(kind: "prompt", path: path, sha256: prompt.sha256))
        #expect(prompt.maxTokens != nil)
        #expect(prompt.temperature != nil)
        // Every variable a shipped prompt uses is documented in its header comment.
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let header = text.split(separator: "\n").prefix { $0.hasPrefix("#") }.joined(separator: "\n")
        for variable in prompt.system.variables + prompt.user.variables {
            #expect(header.contains("{{\(variable)}}"), "\(name).yaml does not document {{\(variable)}}")
        }
    }

    @Test func rendersSystemAndUser() throws {
        let file = YAMLFile(path: "prompts/t.yaml", text: """
            id: t
            version: 2
            description: test
            system: "Labels: {{category_names}}"
            user: |-
              Plan {{ ticket.plan }}
              {{conversation}}
            max_tokens: 20
            temperature: 0.5
            """)
        let prompt = try PromptTemplate.load(file: file)
        #expect(prompt.maxTokens == 20)
        #expect(prompt.temperature == 0.5)
        #expect(prompt.render(["category_names": "a, b", "ticket.plan": "pro", "conversation": "C"])
                == [.system("Labels: a, b"), .user("Plan pro\nC")])
    }

    @Test func renderedShippedPromptLeavesNoPlaceholder() {
        let values = PromptVariables(policy: Fixtures.policy)
            .classification(ticket: LLMFixtures.ticket("Hi", agent: "Hello"), stage: 2, stage1: LLMFixtures.parsed("billing"))
        for message in LLMFixtures.reclassify.render(values) {
            #expect(!message.content.contains("{{"))
            #expect(!message.content.contains("}}"))
        }
    }

    @Test func unknownVariableIsPositionedAtTheVariable() {
        let file = YAMLFile(path: "prompts/bad.yaml", text: """
            id: bad
            version: 1
            system: |-
              You classify tickets.
              Categories: {{categorys}}
            user: "{{conversation}}"
            """)
        #expect(Fixtures.errorText { try PromptTemplate.load(file: file) } == """
            prompts/bad.yaml:5:15: error: unknown variable "{{categorys}}"; expected one of: ticket.channel, ticket.plan, ticket.customer, ticket.subject, conversation, customer_messages, agent_replies, categories, category_names, sentiments, priorities, escalation_rules, stage1.category, stage1.confidence, classification.category, classification.sentiment, escalate, team, sla, first_name
              Categories: {{categorys}}
                          ^
            """)
    }

    @Test func unknownVariableInAQuotedScalar() {
        let file = YAMLFile(path: "prompts/bad.yaml", text: """
            id: bad
            version: 1
            system: "Plan: {{ticket.tier}}"
            user: x
            """)
        let message = Fixtures.errorText { try PromptTemplate.load(file: file, variables: ["ticket.plan"]) }
        #expect(message == """
            prompts/bad.yaml:3:16: error: unknown variable "{{ticket.tier}}"; expected one of: ticket.plan
            system: "Plan: {{ticket.tier}}"
                           ^
            """)
    }

    @Test func unknownKey() {
        let file = YAMLFile(path: "prompts/bad.yaml", text: """
            id: bad
            version: 1
            temprature: 0
            system: x
            user: y
            """)
        #expect(Fixtures.errorText { try PromptTemplate.load(file: file) } == """
            prompts/bad.yaml:3:1: error: unknown key "temprature" in a prompt file; expected one of: id, version, description, system, user, max_tokens, temperature
            temprature: 0
            ^
            """)
    }

    @Test func missingUserMessage() {
        let file = YAMLFile(path: "prompts/bad.yaml", text: "id: bad\nversion: 1\nsystem: x\n")
        #expect(Fixtures.errorText { try PromptTemplate.load(file: file) } == """
            prompts/bad.yaml:1:1: error: missing key "user" in a prompt file
            id: bad
            ^
            """)
    }

    @Test func unclosedPlaceholder() {
        let file = YAMLFile(path: "prompts/bad.yaml", text: "id: bad\nversion: 1\nsystem: x\nuser: \"{{conversation\"\n")
        #expect(Fixtures.errorText { try PromptTemplate.load(file: file) } == """
            prompts/bad.yaml:4:7: error: unclosed "{{" in template
            user: "{{conversation"
                  ^
            """)
    }

    @Test func temperatureOutOfRange() {
        let file = YAMLFile(path: "prompts/bad.yaml", text: "id: bad\nversion: 1\nsystem: x\nuser: y\ntemperature: 3\n")
        #expect(Fixtures.errorText { try PromptTemplate.load(file: file) } == """
            prompts/bad.yaml:5:14: error: expected temperature between 0 and 2, found 3
            temperature: 3
                         ^
            """)
    }

    @Test func missingFile() {
        #expect(Fixtures.errorText { try PromptTemplate.load(path: "/nonexistent/prompt.yaml") }
                == "/nonexistent/prompt.yaml: error: no such file")
    }
}
