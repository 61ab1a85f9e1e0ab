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
    /// Evidence that the customer may leave.
    public var churn: [Entry]
    /// Sentiment phrases with scores in -1...1.
    public var sentiment: [Entry]
    /// Named signals (e.g. `blocked`, `recovered`), each a list of phrases; weights are ignored.
    public var signals: [String: [Entry]]
    /// Least evidence a category needs before it beats the default category.
    public var minCategoryScore: Double
    /// Least churn evidence for `churn_risk`.
    public var minChurnScore: Double
    /// How much each older customer message counts relative to the next newer one (0...1).
    public var recencyDecay: Double
    /// How much the subject line counts relative to the first message.
    public var subjectWeight: Double
    /// Sentiment added per word written in capitals (shouting), from the third such word on.
    public var shoutingScore: Double
    /// Sentiment added per exclamation mark beyond the first, when the text is already negative.
    public var exclamationScore: Double
    /// Phrases that flag a prompt-injection attempt inside a ticket (an input signal); matched like all
    /// lexicon phrases (whole words, any case, accents folded), in one scan of the text.
    public var injectionPhrases: [Phrase]
    /// Optional regular expressions for the same purpose, for patterns phrases cannot express (slower).
    public var injectionPatterns: PatternSet
}
