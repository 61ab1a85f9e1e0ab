import Foundation
import LoopbackServer
@testable import TriageEngine

/// The shipped prompts and pipelines over the provider stubs, for the LLM tests.
enum LLMFixtures {
    static let classify: PromptTemplate = try! PromptTemplate.load(path: Fixtures.root + "/prompts/classify.yaml")
    static let reclassify: PromptTemplate = try! PromptTemplate.load(path: Fixtures.root + "/prompts/reclassify.yaml")
    static let reply: PromptTemplate = try! PromptTemplate.load(path: Fixtures.root + "/prompts/reply.yaml")

    /// The full pipeline with an LLM classifier and drafter over one model.
    static func pipeline(model: any ChatModel, structuredOutput: Bool) -> TriagePipeline {
        let classifier = LLMClassifier(model: model, policy: Fixtures.policy, stage1: classify, stage2: reclassify,
                                       structuredOutput: structuredOutput)
        let drafter = LLMReplyDrafter(model: model, policy: Fixtures.policy, prompt: reply, templates: Fixtures.replies)
        return TriagePipeline(policy: Fixtures.policy, replies: Fixtures.replies, classifier: classifier, drafter: drafter)
    }

    static func openAI(_ stub: OpenAIStub) -> OpenAIChatModel {
        OpenAIChatModel(config: ProviderFixtures.openAIConfig(stub.baseURL), transport: ProviderFixtures.transport(clock: TestClock()))
    }

    static func anthropic(_ stub: AnthropicStub) -> AnthropicChatModel {
        AnthropicChatModel(config: ProviderFixtures.anthropicConfig(stub.baseURL), transport: ProviderFixtures.transport(clock: TestClock()))
    }

    /// A classification answer in the prompts' JSON shape.
    static func answer(_ category: String, sentiment: String = "neutral", score: Double = 0, churn: Bool = false,
                       confidence: Double = 0.9, priority: String = "normal", reason: String = "", changed: Bool? = nil) -> String {
        var text = #"{"category": "\#(category)", "confidence": \#(confidence), "priority": "\#(priority)", "sentiment": "\#(sentiment)", "sentiment_score": \#(score), "churn_risk": \#(churn), "reason": "\#(reason)""#
        if let changed { text += #", "changed": \#(changed)"# }
        return text + "}"
    }

    /// A valid classification with this category.
    static func parsed(_ category: String, confidence: Double = 0.9) -> Classification {
        Classification(category: category, confidence: confidence, sentiment: "neutral", sentimentScore: 0, churnRisk: false)
    }

    /// A ticket with a customer message, then optionally an agent reply and a customer follow-up.
    static func ticket(_ text: String, agent: String? = nil, followUp: String? = nil, plan: String = "pro", channel: String = "email") -> Ticket {
        var messages = [Message(role: .customer, text: text)]
        if let agent { messages.append(Message(role: .agent, text: agent)) }
        if let followUp { messages.append(Message(role: .customer, text: followUp)) }
        return Ticket(id: "T-1", channel: channel, plan: plan, customer: "Priya N.", subject: "Charged twice", messages: messages)
    }

    /// The chat messages a stub received in request `index` (OpenAI: `messages`; Anthropic: `system` + `messages`).
    static func contents(_ request: ServerRequest) -> [String] {
        let json = request.jsonObject ?? [:]
        var texts: [String] = []
        if let system = json["system"] as? String { texts.append(system) }
        for message in json["messages"] as? [[String: Any]] ?? [] { texts.append(message["content"] as? String ?? "") }
        return texts
    }
}
