/// The built-in classifier's knowledge: phrases and weights for categories, churn, sentiment and named
/// signals, plus the negation and intensity words. Loaded from `rules/lexicon.yaml`.
public struct Lexicon: Sendable, Equatable {
    /// A phrase with a weight.
    public struct Entry: Sendable, Equatable {
        /// The phrase.
        public var phrase: Phrase
        /// Its weight (negative weights count against, e.g. keyword traps).
        public var weight: Double
    }

    /// Words that negate what follows within ``negationWindow`` words of the same clause.
    public var negators: Set<String>
    /// How many words after a negator are negated.
    public var negationWindow: Int
    /// Words that end a clause (negation does not cross them), besides punctuation.
    public var clauseBreaks: Set<String>
    /// Words that amplify the sentiment phrase that follows them, with their factor.
    public var intensifiers: [String: Double]
    /// Evidence for each category.
    public var categories: [String: [Entry]]
    /// Weak evidence for each category: single words or stems with small weights, each counted at most once per
    /// message, so that descriptive tickets without a telling phrase still find their category when several
    /// cues agree.
    public var cues: [String: [Entry]] = [:]
    /// Evidence for categories from a message that asks a question (`?`), counted once per message.
    public var questionCues: [String: Double] = [:]
    /// For each category, the words whose negation denies the topic ("nothing was lost", "we were not hacked").
    /// Category evidence survives a negation unless it contains one of them: "I haven't received my refund" is
    /// still about a refund, "if it isn't on the roadmap" still about a feature.
    public var negatable: [String: [Phrase.Word]] = [:]
    /// Evidence that the customer may leave.
    public var churn: [Entry]
    /// Sentiment phrases with scores in -1...1.
    public var sentiment: [Entry]
    /// Named signals (e.g. `blocked`, `recovered`), each a list of phrases. A phrase with a negative weight is a
    /// trap: a signal phrase it overlaps does not count ("hacked together" is no `compromise`).
    public var signals: [String: [Entry]]
    /// Least evidence a category needs before it beats the default category.
    public var minCategoryScore: Double
    /// Least churn evidence for `churn_risk`.
    public var minChurnScore: Double
    /// How much each older customer message counts relative to the next newer one (0...1).
    public var recencyDecay: Double
    /// How much the subject line counts relative to the first message.
    public var subjectWeight: Double
    /// How much the subject line's sentiment counts relative to the first message (a subject is short and often
    /// sarcastic: "Wonderful" over a complaint).
    public var subjectSentimentWeight: Double = 0.3
    /// Strength of shouting per word written in capitals, from the third such word on: it pushes a message further
    /// the way its words already lean (a happy message in capitals is happier), and counts half, as annoyance,
    /// in a message without other cues. Negative by convention.
    public var shoutingScore: Double
    /// The lowest score frustration reaches: cues scoring above it (annoyed, still waiting, third time) never add
    /// up to less, so anger needs a hostile phrase scoring below it (unacceptable, scam), or shouting and emphasis.
    public var frustrationFloor: Double = -0.6
    /// Sentiment added per emphatic mark (`!`, or `?` in `??`) beyond the first, when the text is already negative.
    public var exclamationScore: Double
    /// Phrases that flag a prompt-injection attempt inside a ticket (an input signal); matched like all
    /// lexicon phrases (whole words, any case, accents folded), in one scan of the text.
    public var injectionPhrases: [Phrase]
    /// Optional regular expressions for the same purpose, for patterns phrases cannot express (slower).
    public var injectionPatterns: PatternSet
    /// The classifier's arithmetic (the `tuning:` block).
    public var tuning = LexicalTuning()
    /// How disguised text is normalised before injection phrases and patterns are matched (look-alike
    /// letters and leetspeak from `injection_normalization`).
    public var injectionNormalizer = TextNormalizer()
}
