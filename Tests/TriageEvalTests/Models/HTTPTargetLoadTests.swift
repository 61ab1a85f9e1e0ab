import Foundation
import Testing
import TriageEngine
@testable import TriageEval

/// `provider: http` entries of a models file: what is read, and the positioned error for each mistake.
@Suite("HTTP target loading")
struct HTTPTargetLoadTests {
    private func load(_ entry: String) throws -> ModelCatalog {
        try ModelCatalog.load(file: YAMLFile(path: "models.yaml", text: "models:\n" + entry))
    }

    @Test func onlyTheURLIsNeededAndTheDefaultsReadADecision() throws {
        let catalog = try load("  - {name: staging, provider: http, url: \"https://staging.example.com/triage\"}\n")
        let config = try #require(catalog.model(named: "staging"))
        #expect(config.provider == .http)
        #expect(config.model == "staging")
        #expect(config.resolvedBaseURL.absoluteString == "https://staging.example.com/triage")
        let target = try #require(config.http)
        #expect(target.body.text == "{{ticket.json}}")
        #expect(target.response["category"]?.text == "$.stage2.category | $.stage1.category")
        #expect(target.response["reply"]?.text == "$.reply.text")
    }

    @Test func theIssueExampleIsRead() throws {
        let catalog = try load("""
              - name: staging
                provider: http
                url: https://staging.example.com/triage
                headers: {Authorization: "Bearer ${STAGING_TOKEN}"}
                body: '{"subject": {{ticket.subject_json}}, "messages": {{ticket.messages_json}}, "channel": "{{ticket.channel}}", "plan": "{{ticket.plan}}"}'
                response:
                  category: $.decision.category
                  escalate: $.decision.escalate
                  team: $.decision.team
                  priority: $.decision.priority
                  reply: $.reply.text

            """)
        let target = try #require(catalog.models.first?.http)
        #expect(target.headerVariables == ["STAGING_TOKEN"])
        #expect(target.response["category"]?.text == "$.decision.category")
        let ticket = Ticket(id: "t1", channel: "email", plan: "pro", customer: "Priya", subject: "Say \"hi\"",
                            messages: [Message(role: .customer, text: "Line\nbreak")])
        #expect(String(decoding: target.body.render(ticket), as: UTF8.self)
                == #"{"subject": "Say \"hi\"", "messages": [{"role":"customer","text":"Line\nbreak"}], "channel": "email", "plan": "pro"}"#)
        // The configuration hash names the header but never its value.
        #expect(catalog.models[0].canonicalDescription.contains("\"headers\":[\"Authorization\"]"))
        #expect(!catalog.models[0].canonicalDescription.contains("STAGING_TOKEN"))
    }

    @Test(arguments: [
        ("  - {name: s, provider: http}\n",
         "models.yaml:2:5: error: missing key \"url\" in a model with provider: http; expected the service's address, such as https://staging.example.com/triage"),
        ("  - {name: s, provider: http, url: \"ftp://x/y\"}\n",
         "models.yaml:2:36: error: invalid url \"ftp://x/y\"; expected an http or https URL such as https://staging.example.com/triage"),
        ("  - {name: s, provider: http, url: \"http://x/\", response: {category: decision.category}}\n",
         "models.yaml:2:70: error: invalid path \"decision.category\"; expected a path such as $.decision.category or $.items[0].text"),
        ("  - {name: s, provider: http, url: \"http://x/\", response: {category: \"$.items[x]\"}}\n",
         "models.yaml:2:70: error: invalid path \"$.items[x]\"; \"[\" must hold an index such as [0]; expected a path such as $.decision.category or $.items[0].text"),
        ("  - {name: s, provider: http, url: \"http://x/\", response: {label: $.category}}\n",
         "models.yaml:2:60: error: unknown key \"label\" in response; expected one of: category, escalate, team, priority, reply, sentiment, churn_risk, tier"),
        ("  - {name: s, provider: http, url: \"http://x/\", body: '{\"t\": \"{{ticket.title}}\"}'}\n",
         "models.yaml:2:55: error: unknown placeholder \"{{ticket.title}}\" in body; expected one of: {{ticket.id}}, {{ticket.channel}}, {{ticket.plan}}, {{ticket.customer}}, {{ticket.subject}}, {{ticket.subject_json}}, {{ticket.messages_json}}, {{ticket.json}}"),
        ("  - {name: s, provider: http, url: \"http://x/\", headers: {Authorization: \"Bearer ${TOKEN\"}}\n",
         "models.yaml:2:74: error: unclosed \"${\" in header value; expected ${VARIABLE}"),
        ("  - {name: s, provider: openai, model: m, url: \"http://x/\"}\n",
         "models.yaml:2:43: error: key \"url\" is only for provider: http; model \"s\" has provider openai"),
    ])
    func mistakesArePositioned(entry: String, expected: String) {
        #expect(EvalFixtures.errorText { try load(entry) }.hasPrefix(expected))
    }
}
