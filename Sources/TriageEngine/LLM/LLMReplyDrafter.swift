import Foundation

/// Drafts the reply body with a chat model and the `reply` prompt; the greeting and signature come from
/// the reply templates, exactly as for the built-in drafter, and the channel formatter lays them out.
///
/// Models like to write their own "Hi Priya," and "Best regards, …": a greeting line at the start and a
/// sign-off block at the end are removed so the channel's own are not doubled. An answer with no body left
/// falls back to the template body, and the call's record in ``CallContext/log`` is marked
/// `invalid_output` so the fallback is visible in the run.
public struct LLMReplyDrafter: ReplyDrafting {
    /// The call purpose, as call records show it.
    public static let purpose = "reply"
    /// Line openings taken as a greeting when they start the answer.
    public static let defaultGreetingOpeners = ["hi", "hello", "hey", "dear", "greetings", "good morning", "good afternoon",
                                                "good evening", "hola", "bonjour", "hallo"]
    /// Line openings taken as a sign-off when they start one of the answer's last lines.
    public static let defaultSignOffOpeners = ["best", "best regards", "kind regards", "warm regards", "regards", "warmly",
                                               "sincerely", "cheers", "thanks", "thank you", "many thanks", "all the best",
                                               "yours", "saludos", "cordialement"]

    /// The model.
    public let model: any ChatModel
    /// The policy (team display names, the taxonomy for the prompt).
    public let policy: Policy
    /// The reply prompt (`prompts/reply.yaml`).
    public let prompt: PromptTemplate
    /// The template drafter giving greeting, signature and the fallback body.
    public let templates: TemplateReplyDrafter
    /// Greeting openings to strip (lowercase).
    public let greetingOpeners: [String]
    /// Sign-off openings to strip (lowercase).
    public let signOffOpeners: [String]
    private let variables: PromptVariables

    /// Creates a drafter.
    public init(model: any ChatModel, policy: Policy, prompt: PromptTemplate, templates: ReplyTemplates,
                greetingOpeners: [String] = LLMReplyDrafter.defaultGreetingOpeners,
                signOffOpeners: [String] = LLMReplyDrafter.defaultSignOffOpeners) {
        self.model = model
        self.policy = policy
        self.prompt = prompt
        self.templates = TemplateReplyDrafter(templates: templates, taxonomy: policy.taxonomy)
        self.greetingOpeners = greetingOpeners
        self.signOffOpeners = signOffOpeners
        variables = PromptVariables(policy: policy)
    }

    /// Drafts the reply: the model writes the body, the templates the greeting and signature.
    /// - Throws: ``ModelError`` when the call fails.
    public func draft(ticket: Ticket, classification: Classification, escalate: Bool, team: String?, slaHours: Double?) async throws -> ReplyDraft {
        let fallback = templates.makeDraft(ticket: ticket, classification: classification, escalate: escalate, team: team, slaHours: slaHours)
        let values = variables.reply(ticket: ticket, classification: classification, escalate: escalate, team: team, slaHours: slaHours)
        let request = ChatRequest(messages: prompt.render(values), temperature: prompt.temperature, maxTokens: prompt.maxTokens)
        let response = try await CallContext.$purpose.withValue(Self.purpose) { try await model.complete(request) }
        let paragraphs = body(of: response.text, firstName: ticket.customerFirstName)
        guard !paragraphs.isEmpty else {
            CallContext.log?.mark(response.record, errorClass: ModelOutputParser.invalidSignal)
            return fallback
        }
        return ReplyDraft(greeting: fallback.greeting, paragraphs: paragraphs, signature: fallback.signature)
    }

    /// The body paragraphs of a model's answer: a surrounding code fence, a leading greeting and a trailing
    /// sign-off removed, split on blank lines.
    public func body(of answer: String, firstName: String) -> [String] {
        var lines = answer.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .map { String($0) }
        func trimBlank() {
            while let first = lines.first, Self.isBlank(first) { lines.removeFirst() }
            while let last = lines.last, Self.isBlank(last) { lines.removeLast() }
        }
        trimBlank()
        if let first = lines.first, first.trimmingCharacters(in: .whitespaces).hasPrefix("```"),
           let last = lines.last, lines.count > 1, last.trimmingCharacters(in: .whitespaces) == "```" {
            lines.removeFirst()
            lines.removeLast()
            trimBlank()
        }
        if let first = lines.first {
            let rest = withoutGreeting(first, firstName: firstName)
            if rest.isEmpty { lines.removeFirst() } else { lines[0] = rest }
            trimBlank()
        }
        // A sign-off starts within the last few lines; it and everything after it (names, titles) go.
        let window = max(0, lines.count - 5)
        if let signOff = lines.indices.dropFirst(window).first(where: { isSignOff(lines[$0]) }) {
            lines.removeSubrange(signOff...)
            trimBlank()
        }
        var paragraphs: [String] = []
        var current: [String] = []
        for line in lines + [""] {
            if Self.isBlank(line) {
                let paragraph = current.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
                if !paragraph.isEmpty { paragraphs.append(paragraph) }
                current = []
            } else {
                current.append(line)
            }
        }
        return paragraphs
    }

    /// The line without a leading greeting: "Hi Priya," goes entirely; "Hi Priya, thanks for…" keeps
    /// "Thanks for…". A line addressing the customer by name alone ("Priya,") is a greeting too.
    func withoutGreeting(_ line: String, firstName: String) -> String {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        let lower = trimmed.lowercased()
        let opensWithGreeting = greetingOpeners.contains { Self.startsWithWords(lower, $0) }
        let name = firstName.lowercased()
        let opensWithName = !name.isEmpty && Self.startsWithWords(lower, name)
        guard opensWithGreeting || opensWithName else { return line }
        guard let stop = trimmed.firstIndex(where: { $0 == "," || $0 == "!" || $0 == ":" }) else {
            // "Hello Priya" with no punctuation: a greeting only when the line is short.
            return trimmed.split(separator: " ").count <= 3 ? "" : line
        }
        let head = trimmed[..<stop]
        guard head.split(separator: " ").count <= 4 else { return line }
        let rest = trimmed[trimmed.index(after: stop)...].trimmingCharacters(in: .whitespaces)
        guard let first = rest.first else { return "" }
        return first.uppercased() + rest.dropFirst()
    }

    /// Whether a line opens a sign-off: a short line starting with a sign-off word ("Best regards,",
    /// "Thanks!", "Cheers").
    func isSignOff(_ line: String) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.split(separator: " ").count <= 4 else { return false }
        guard trimmed.last.map({ $0 == "," || $0 == "!" || $0.isLetter }) ?? false else { return false }
        let lower = trimmed.lowercased()
        return signOffOpeners.contains { Self.startsWithWords(lower, $0) }
    }

    /// Whether `text` starts with the words of `prefix`, ending at a word boundary.
    static func startsWithWords(_ text: String, _ prefix: String) -> Bool {
        guard text.hasPrefix(prefix) else { return false }
        guard let next = text.dropFirst(prefix.count).first else { return true }
        return !next.isLetter && !next.isNumber
    }

    private static func isBlank(_ line: String) -> Bool { line.allSatisfy(\.isWhitespace) }
}
