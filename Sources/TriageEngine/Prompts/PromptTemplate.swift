/// A model prompt loaded from a `prompts/*.yaml` file: a system and a user template with `{{variables}}`,
/// optional sampling settings, and the file's identity (path and SHA-256), so a run records exactly which
/// prompt produced its answers.
///
/// Load with ``load(path:variables:)``; render with ``render(_:)``. The values come from
/// ``PromptVariables``.
public struct PromptTemplate: Sendable, Equatable {
    /// The prompt's id from the file (for example `classify`).
    public var id: String
    /// The file's version field, bumped by hand when the prompt's meaning changes.
    public var version: Int
    /// What the prompt is for.
    public var description: String
    /// The system message template.
    public var system: Template
    /// The user message template.
    public var user: Template
    /// The most tokens to generate, if the prompt sets it (otherwise the model's configured limit).
    public var maxTokens: Int?
    /// The sampling temperature, if the prompt sets it (otherwise the model's configured value).
    public var temperature: Double?
    /// The path the prompt was loaded from, as given.
    public var path: String
    /// The SHA-256 of the file's bytes, lowercase hex: the prompt's identity.
    public var sha256: String

    /// Creates a prompt from parsed parts (loaders and tests; files go through ``load(path:variables:)``).
    public init(id: String, version: Int, description: String, system: Template, user: Template, maxTokens: Int? = nil,
                temperature: Double? = nil, path: String, sha256: String) {
        self.id = id
        self.version = version
        self.description = description
        self.system = system
        self.user = user
        self.maxTokens = maxTokens
        self.temperature = temperature
        self.path = path
        self.sha256 = sha256
    }

    /// The file as a run's source record (`kind: prompt`).
    public var source: SourceFile { SourceFile(kind: "prompt", path: path, sha256: sha256) }

    /// The system and the user message with the values filled in; a variable without a value renders empty.
    public func render(_ values: [String: String]) -> [ChatMessage] {
        [.system(system.render(values)), .user(user.render(values))]
    }

    /// The variables a prompt file may use, in the order they are documented (see ``PromptVariables``).
    public static let variables: [String] = [
        PromptVariables.Name.channel, PromptVariables.Name.plan, PromptVariables.Name.customer, PromptVariables.Name.subject,
        PromptVariables.Name.conversation, PromptVariables.Name.customerMessages, PromptVariables.Name.agentReplies,
        PromptVariables.Name.categories, PromptVariables.Name.categoryNames, PromptVariables.Name.sentiments,
        PromptVariables.Name.priorities, PromptVariables.Name.escalationRules,
        PromptVariables.Name.stage1Category, PromptVariables.Name.stage1Confidence,
        PromptVariables.Name.category, PromptVariables.Name.sentiment, PromptVariables.Name.escalate,
        PromptVariables.Name.team, PromptVariables.Name.sla, PromptVariables.Name.firstName,
    ]
}
