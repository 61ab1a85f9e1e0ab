/// A classifier backed by a chat model: stage 1 classifies the customer's words with the `classify`
/// prompt; stage 2 re-classifies the whole conversation with the `reclassify` prompt, given stage 1's result.
///
/// Labels come from the model, escalation never does: the pipeline applies the policy's rules on top.
/// Answers are read by ``ModelOutputParser``; an unusable answer becomes an invalid-output classification
/// (and the call's record in ``CallContext/log`` gets `errorClass = "invalid_output"`), while a failed call
/// throws its ``ModelError`` so the runner can record the scenario as errored.
public struct LLMClassifier: TicketClassifier {
    /// The call purpose of stage 1, as call records show it.
    public static let stage1Purpose = "stage1"
    /// The call purpose of stage 2.
    public static let stage2Purpose = "stage2"

    /// The model.
    public let model: any ChatModel
    /// The policy whose labels the model chooses from.
    public let policy: Policy
    /// The stage-1 prompt.
    public let stage1: PromptTemplate
    /// The stage-2 prompt.
    public let stage2: PromptTemplate
    /// Whether requests carry the JSON Schema of the answer (used by providers that support it).
    public let structuredOutput: Bool
    private let parser: ModelOutputParser
    private let variables: PromptVariables
    private let schemas: (stage1: JSONSchemaSpec, stage2: JSONSchemaSpec)
    private let lexical: LexicalClassifier?

    /// Creates a classifier.
    /// - Parameters:
    ///   - model: the chat model.
    ///   - policy: the policy (taxonomy for the prompt, the schema and the parser).
    ///   - stage1: the prompt for stage 1 (`prompts/classify.yaml`).
    ///   - stage2: the prompt for stage 2 (`prompts/reclassify.yaml`).
    ///   - structuredOutput: attach the answer's JSON Schema to each request.
    ///   - lexicalSignals: also report the lexicon's named signals (`compromise`, `blocked`…) found in the
    ///     customer's text, so rules that read signals decide as they do for the built-in engine.
    public init(model: any ChatModel, policy: Policy, stage1: PromptTemplate, stage2: PromptTemplate, structuredOutput: Bool,
                lexicalSignals: Bool = true) {
        self.model = model
        self.policy = policy
        self.stage1 = stage1
        self.stage2 = stage2
        self.structuredOutput = structuredOutput
        parser = ModelOutputParser(taxonomy: policy.taxonomy)
        variables = PromptVariables(policy: policy)
        schemas = (ClassificationSchema.make(taxonomy: policy.taxonomy, stage: 1), ClassificationSchema.make(taxonomy: policy.taxonomy, stage: 2))
        lexical = lexicalSignals && !policy.lexicon.signals.isEmpty ? LexicalClassifier(policy: policy) : nil
    }

    /// Classifies at a stage. Stage 2 needs stage 1's result, so it runs stage 1 first; the pipeline uses
    /// ``classifyBoth(_:)`` instead, which runs each stage once.
    /// - Throws: ``ModelError`` when a call fails.
    public func classify(_ ticket: Ticket, stage: Int) async throws -> Classification {
        let first = try await classifyFirstStage(ticket)
        guard stage >= 2 else { return first }
        return try await reclassify(ticket, after: first)
    }

    /// Stage 1, then stage 2 only when an agent has replied.
    /// - Throws: ``ModelError`` when a call fails.
    public func classifyBoth(_ ticket: Ticket) async throws -> (stage1: Classification, stage2: Classification?) {
        let first = try await classifyFirstStage(ticket)
        guard ticket.hasAgentReply else { return (first, nil) }
        return (first, try await reclassify(ticket, after: first))
    }

    /// Stage 2 given stage 1's result.
    /// - Throws: ``ModelError`` when the call fails.
    public func reclassify(_ ticket: Ticket, after stage1Result: Classification) async throws -> Classification {
        let values = variables.classification(ticket: ticket, stage: 2, stage1: stage1Result)
        let output = try await ask(stage2, values: values, schema: schemas.stage2, purpose: Self.stage2Purpose)
        var classification = finish(output, ticket: ticket, stage: 2)
        // The model's own `changed` is a cross-check; the decision compares the categories itself.
        if output.isValid, let changed = output.changed, changed != (classification.category != stage1Result.category) {
            classification.reason += (classification.reason.isEmpty ? "" : "; ")
                + "the model said changed=\(changed) but stage 1 was \(stage1Result.category)"
        }
        return classification
    }

    private func classifyFirstStage(_ ticket: Ticket) async throws -> Classification {
        let output = try await ask(stage1, values: variables.classification(ticket: ticket, stage: 1), schema: schemas.stage1,
                                   purpose: Self.stage1Purpose)
        return finish(output, ticket: ticket, stage: 1)
    }

    private func ask(_ prompt: PromptTemplate, values: [String: String], schema: JSONSchemaSpec, purpose: String) async throws -> ModelOutputParser.Output {
        let request = ChatRequest(messages: prompt.render(values), temperature: prompt.temperature, maxTokens: prompt.maxTokens,
                                  jsonSchema: structuredOutput ? schema : nil)
        let response = try await CallContext.$purpose.withValue(purpose) { try await model.complete(request) }
        let output = parser.parse(response.text)
        if !output.isValid { CallContext.log?.mark(response.record, errorClass: ModelOutputParser.invalidSignal) }
        return output
    }

    private func finish(_ output: ModelOutputParser.Output, ticket: Ticket, stage: Int) -> Classification {
        var classification = output.classification
        if let lexical {
            for signal in lexical.classifySync(ticket, stage: stage).signals where !classification.signals.contains(signal) {
                classification.signals.append(signal)
            }
        }
        return classification
    }
}
