/// The production pipeline: validate input, classify in two stages, apply the escalation and priority
/// rules, draft a reply and format it for the channel.
///
/// A production service links this as is; the harness drives the very same type.
public struct TriagePipeline: Sendable {
    /// The policy.
    public let policy: Policy
    /// The classifier (built-in lexical unless a model classifier is given).
    public let classifier: any TicketClassifier
    /// The reply drafter (templates unless a model drafter is given).
    public let drafter: any ReplyDrafting
    /// The input validator.
    public let validator: InputValidator
    /// The rules engine.
    public let escalation: EscalationEngine
    /// The channel formatter.
    public let formatter: ChannelFormatter
    /// The deployed service that decides instead of classifier, rules and drafter (`provider: http`), if any.
    public let remote: HTTPTargetClient?
    private let lexical: LexicalClassifier?
    private let templateDrafter: TemplateReplyDrafter
    private let readsText: Bool
    /// ``isBuiltin``, decided once (a dynamic cast per ticket showed in profiles).
    private let builtin: Bool

    /// Creates a pipeline. Without a classifier or drafter it is the built-in offline engine.
    public init(policy: Policy, replies: ReplyTemplates, classifier: (any TicketClassifier)? = nil, drafter: (any ReplyDrafting)? = nil,
                validator: InputValidator? = nil, remote: HTTPTargetClient? = nil) {
        self.policy = policy
        self.remote = remote
        let lexical = LexicalClassifier(policy: policy)
        self.lexical = classifier == nil ? lexical : nil
        self.classifier = classifier ?? lexical
        let templateDrafter = TemplateReplyDrafter(templates: replies, taxonomy: policy.taxonomy)
        self.templateDrafter = templateDrafter
        self.drafter = drafter ?? templateDrafter
        self.validator = validator ?? InputValidator(lexicon: policy.lexicon)
        escalation = EscalationEngine(policy: policy)
        readsText = policy.usesTextConditions
        formatter = ChannelFormatter(taxonomy: policy.taxonomy, redactions: replies.redactions)
        builtin = remote == nil && self.lexical != nil && self.drafter is TemplateReplyDrafter
    }

    /// Whether this is the built-in offline engine: the lexical classifier and the reply templates, no model.
    public var isBuiltin: Bool { builtin }

    /// Triages a ticket end to end.
    public func triage(_ ticket: Ticket) async throws -> Decision {
        if let remote { return try await remote.decide(ticket) }
        let input = validator.check(ticket)
        let clean = input.ticket
        if let lexical, isBuiltin {
            return builtinDecision(input, lexical: lexical)
        }
        let (stage1, stage2) = try await classifier.classifyBoth(clean)
        let (outcome, context) = rules(clean, stage1: stage1, stage2: stage2)
        let draft = try await drafter.draft(ticket: clean, classification: context.classification, escalate: outcome.escalate,
                                            team: outcome.team, slaHours: outcome.slaHours)
        return decision(stage1: stage1, stage2: stage2, outcome: outcome, input: input, reply: formatter.format(draft, channel: clean.channel))
    }

    /// The built-in engine without suspension points (the fast path the benchmark measures).
    /// - Throws: ``PipelineSetupError`` when the pipeline classifies or drafts with a model (see ``isBuiltin``):
    ///   its decisions need ``triage(_:)``, and answering with the lexical engine instead would hide that.
    public func triageBuiltin(_ ticket: Ticket) throws(PipelineSetupError) -> Decision {
        guard let lexical, isBuiltin else {
            throw PipelineSetupError("triageBuiltin(_:) runs the built-in engine only; this pipeline uses a model classifier "
                                     + "or drafter (\(type(of: classifier)), \(type(of: drafter))): call triage(_:)")
        }
        return builtinDecision(validator.check(ticket), lexical: lexical)
    }

    private func builtinDecision(_ input: InputCheck, lexical: LexicalClassifier) -> Decision {
        let ticket = input.ticket
        let (stage1, stage2) = lexical.classifyStages(ticket)
        let (outcome, context) = rules(ticket, stage1: stage1, stage2: stage2)
        let draft = templateDrafter.makeDraft(ticket: ticket, classification: context.classification, escalate: outcome.escalate,
                                              team: outcome.team, slaHours: outcome.slaHours)
        return decision(stage1: stage1, stage2: stage2, outcome: outcome, input: input, reply: formatter.format(draft, channel: ticket.channel))
    }

    /// Applies the rules to classifications.
    public func rules(_ ticket: Ticket, stage1: Classification, stage2: Classification?) -> (EscalationEngine.Outcome, RuleContext) {
        let context = ruleContext(ticket, stage1: stage1, stage2: stage2)
        return (escalation.decide(context), context)
    }

    /// The tier the rules escalate a ticket with these stage-1 labels at, or nil when they do not escalate
    /// it: `rules(ticket, stage1: labels, stage2: nil)`'s outcome, without building its trace.
    public func escalationTier(_ ticket: Ticket, labels: Classification) -> EscalationTier? {
        escalation.escalationTier(ruleContext(ticket, stage1: labels, stage2: nil))
    }

    private func ruleContext(_ ticket: Ticket, stage1: Classification, stage2: Classification?) -> RuleContext {
        let stage = stage2 == nil ? 1 : 2
        // The customer's text is analyzed only when some rule reads it.
        let texts = readsText ? LexicalClassifier.customerMessages(of: ticket, stage: stage) : []
        return RuleContext(classification: stage2 ?? stage1, ticket: ticket, stage: stage,
                           customerText: texts.map { TextAnalyzer.analyze($0, clauseBreaks: policy.lexicon.clauseBreaks) },
                           rawCustomerText: texts.joined(separator: "\n"), fired: [])
    }

    private func decision(stage1: Classification, stage2: Classification?, outcome: EscalationEngine.Outcome, input: InputCheck, reply: Reply) -> Decision {
        Decision(stage1: stage1, stage2: stage2, escalate: outcome.escalate, team: outcome.team, tier: outcome.tier,
                 priority: outcome.priority, slaHours: outcome.slaHours, inputSignals: input.signals, reply: reply, trace: outcome.trace,
                 promptInjection: input.promptInjection)
    }
}
