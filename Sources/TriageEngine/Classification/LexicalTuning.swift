/// The arithmetic of the built-in classifier: how negation, shouting, emphasis and several cues combine into a
/// sentiment, and how category evidence becomes a confidence. Loaded from the `tuning:` block of
/// `rules/lexicon.yaml`, which states every value; a lexicon without the block (or one of its keys) gets the
/// values the shipped file states, so older lexicons decide as they did.
public struct LexicalTuning: Sendable, Equatable {
    /// A negated praise ("not happy") leans negative by this share of the praise.
    public var negatedPraise: Double = 0.5
    /// Words in capitals a message needs before shouting counts at all.
    public var shoutingMinWords: Int = 3
    /// Share of the message's words that must be in capitals for shouting to count…
    public var shoutingMinShare: Double = 0.3
    /// …unless at least this many words are.
    public var shoutingAlwaysWords: Int = 6
    /// The most shouting adds to a message's sentiment.
    public var shoutingMax: Double = 0.6
    /// The share of shouting that counts, as annoyance, in a message without other sentiment cues.
    public var shoutingWithoutCues: Double = 0.5
    /// Emphatic marks counted beyond the first.
    public var exclamationMaxMarks: Int = 4
    /// Each further sentiment cue of the same sign in a message counts this share of the one before.
    public var cueDecay: Double = 0.5
    /// A message whose complaints add up below this is a complaint…
    public var complaintThreshold: Double = -0.3
    /// …in which praise counts this share ("thanks" does not cancel "unacceptable").
    public var praiseInComplaint: Double = 0.5
    /// Share of the confidence that comes from the lead over the runner-up, `(top - second) / (top + 1)`.
    public var confidenceMarginWeight: Double = 0.6
    /// Category evidence beyond this adds no confidence.
    public var confidenceEvidenceCap: Double = 6
    /// Evidence adds `min(top, cap) / divisor` to the confidence.
    public var confidenceEvidenceDivisor: Double = 15
    /// The confidence when no category reached `min_category_score` and the default category is used.
    public var defaultConfidence: Double = 0.3

    /// The keys of the `tuning:` block.
    public static let keys = ["negated_praise", "shouting", "exclamation_max_marks", "cue_decay", "complaint_threshold",
                              "praise_in_complaint", "confidence"]

    /// Tuning with the shipped values.
    public init() {}

    /// Reads a `tuning:` block; absent keys keep their shipped values.
    /// - Throws: a positioned ``LoadError`` for an unknown key or a value out of range.
    public init(node: YAMLNode?) throws {
        self.init()
        guard let node else { return }
        let root = try node.mapping(allowed: Self.keys, what: "the tuning block")
        negatedPraise = try root["negated_praise"]?.double(what: "negated_praise", in: 0...1) ?? negatedPraise
        exclamationMaxMarks = try root["exclamation_max_marks"]?.int(what: "exclamation_max_marks", minimum: 0) ?? exclamationMaxMarks
        cueDecay = try root["cue_decay"]?.double(what: "cue_decay", in: 0...1) ?? cueDecay
        complaintThreshold = try root["complaint_threshold"]?.double(what: "complaint_threshold", in: -1...0) ?? complaintThreshold
        praiseInComplaint = try root["praise_in_complaint"]?.double(what: "praise_in_complaint", in: 0...1) ?? praiseInComplaint
        if let shouting = try root["shouting"]?.mapping(allowed: ["min_words", "min_share", "always_words", "max", "without_cues"],
                                                         what: "the shouting tuning") {
            shoutingMinWords = try shouting["min_words"]?.int(what: "shouting min_words", minimum: 1) ?? shoutingMinWords
            shoutingMinShare = try shouting["min_share"]?.double(what: "shouting min_share", in: 0...1) ?? shoutingMinShare
            shoutingAlwaysWords = try shouting["always_words"]?.int(what: "shouting always_words", minimum: 1) ?? shoutingAlwaysWords
            shoutingMax = try shouting["max"]?.double(what: "shouting max", in: 0...1) ?? shoutingMax
            shoutingWithoutCues = try shouting["without_cues"]?.double(what: "shouting without_cues", in: 0...1) ?? shoutingWithoutCues
        }
        if let confidence = try root["confidence"]?.mapping(allowed: ["margin_weight", "evidence_cap", "evidence_divisor", "default"],
                                                             what: "the confidence tuning") {
            confidenceMarginWeight = try confidence["margin_weight"]?.double(what: "confidence margin_weight", in: 0...1) ?? confidenceMarginWeight
            confidenceEvidenceCap = try confidence["evidence_cap"]?.double(what: "confidence evidence_cap", in: 0...1000) ?? confidenceEvidenceCap
            confidenceEvidenceDivisor = try confidence["evidence_divisor"]?.double(what: "confidence evidence_divisor", in: 0.001...1000)
                ?? confidenceEvidenceDivisor
            defaultConfidence = try confidence["default"]?.double(what: "confidence default", in: 0...1) ?? defaultConfidence
        }
    }
}
