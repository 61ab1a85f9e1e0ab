/// The built-in, deterministic classifier: weighted lexicon phrases and weak cues with negation, intensifiers, word
/// boundaries and recency weighting. Needs no network; everything it knows comes from `rules/lexicon.yaml`.
///
/// Category evidence survives a negation unless the lexicon marks the phrase's topic as deniable ("nothing was
/// lost"). Sentiment is averaged over the messages that carry cues, the subject counting less; the longest sentiment
/// phrase wins, shouting amplifies the way a message already leans, and frustration alone never reaches anger. A
/// sentence holding a prompt-injection phrase is an instruction, not evidence, and is set aside.
public struct LexicalClassifier: TicketClassifier {
    /// The policy it classifies for.
    public let policy: Policy
    private let index: PhraseIndex
    private let categoryNames: [String]
    private let signalNames: [String]
    private let questionCues: [(category: Int, weight: Double)]
    /// The lexicon's ASCII clause breaks by bytes (nil when a key rules the table out).
    private let asciiBreaks: ASCIIWordTable?

    /// Builds the phrase index for a policy.
    public init(policy: Policy) {
        self.policy = policy
        categoryNames = policy.taxonomy.categoryNames
        signalNames = policy.lexicon.signals.keys.sorted()
        let names = categoryNames
        questionCues = policy.lexicon.questionCues.compactMap { name, weight in names.firstIndex(of: name).map { ($0, weight) } }
            .sorted { $0.category < $1.category }
        index = PhraseIndex(lexicon: policy.lexicon, categoryNames: categoryNames, signalNames: signalNames)
        asciiBreaks = ASCIIWordTable(keys: Array(policy.lexicon.clauseBreaks))
    }

    /// Classifies asynchronously (it never suspends; this satisfies ``TicketClassifier``).
    public func classify(_ ticket: Ticket, stage: Int) async throws -> Classification {
        classifySync(ticket, stage: stage)
    }

    /// The customer messages a stage sees: stage 1 those before the first agent reply, stage 2 all of them.
    public static func customerMessages(of ticket: Ticket, stage: Int) -> [String] {
        var texts: [String] = []
        for message in ticket.messages {
            if message.role == .agent {
                if stage == 1 { break }
                continue
            }
            texts.append(message.text)
        }
        return texts
    }

    /// The analysis and phrase matches of a ticket's texts, kept between its two stages (stage 1 reads a
    /// prefix of the customer messages stage 2 reads, and the same subject).
    struct Scans {
        /// Per customer message, in ticket order.
        var messages: [(AnalyzedText, [PhraseIndex.Match])?] = []
        var subject: (AnalyzedText, [PhraseIndex.Match])?
    }

    /// Classifies synchronously.
    public func classifySync(_ ticket: Ticket, stage: Int) -> Classification {
        var scans = Scans()
        return classify(ticket, stage: stage, scans: &scans)
    }

    /// Stage 1 and, when an agent has replied, stage 2, each text analysed and matched once:
    /// `(classifySync(ticket, stage: 1), classifySync(ticket, stage: 2))`.
    public func classifyStages(_ ticket: Ticket) -> (stage1: Classification, stage2: Classification?) {
        var scans = Scans()
        let stage1 = classify(ticket, stage: 1, scans: &scans)
        return (stage1, ticket.hasAgentReply ? classify(ticket, stage: 2, scans: &scans) : nil)
    }

    func classify(_ ticket: Ticket, stage: Int, scans: inout Scans) -> Classification {
        let lexicon = policy.lexicon
        let tuning = lexicon.tuning
        let texts = Self.customerMessages(of: ticket, stage: stage)
        var categoryScores = [Double](repeating: 0, count: categoryNames.count)
        var signalFound = [Bool](repeating: false, count: signalNames.count)
        var churnScore = 0.0
        var sentimentTotal = 0.0
        var sentimentWeight = 0.0
        var evidence: [String] = []

        // Messages newest first: weight 1, then decay; the subject counts with the first message.
        var units: [(text: String, weight: Double)] = []
        var weight = 1.0
        for text in texts.reversed() {
            units.append((text, weight))
            weight *= lexicon.recencyDecay
        }
        let firstWeight = units.last?.weight ?? 1
        let hasSubject = !(ticket.subject ?? "").isEmpty
        if let subject = ticket.subject, hasSubject { units.append((subject, firstWeight * lexicon.subjectWeight)) }

        // Scratch lists, reused across messages and almost always empty.
        var setAside: [Int] = []  // sentences holding a prompt-injection phrase
        var traps: [PhraseIndex.Match] = []  // signal traps
        var cuesSeen: [Int] = []  // cue entries already counted in this message
        var churnSeen: [Int] = []  // churn phrases already counted in this ticket (saying it twice is no more evidence)

        if scans.messages.count < texts.count { scans.messages += Array(repeating: nil, count: texts.count - scans.messages.count) }
        for (unitIndex, unit) in units.enumerated() {
            let isSubject = hasSubject && unitIndex == units.count - 1
            // Units are the messages newest first, then the subject.
            let scanned = isSubject ? scans.subject : scans.messages[texts.count - 1 - unitIndex]
            let (analyzed, matches) = scanned ?? {
                let analyzed = TextAnalyzer.analyze(unit.text, clauseBreaks: lexicon.clauseBreaks, asciiBreaks: asciiBreaks)
                return (analyzed, index.matches(in: analyzed))
            }()
            if scanned == nil {
                if isSubject { scans.subject = (analyzed, matches) } else { scans.messages[texts.count - 1 - unitIndex] = (analyzed, matches) }
            }
            let tokens = analyzed.tokens
            setAside.removeAll(keepingCapacity: true)
            traps.removeAll(keepingCapacity: true)
            cuesSeen.removeAll(keepingCapacity: true)
            for match in matches {
                let kind = index.entries[match.entry].kind
                if kind == .injection {
                    if !setAside.contains(tokens[match.start].sentence) { setAside.append(tokens[match.start].sentence) }
                } else if case .signal = kind, index.entries[match.entry].weight < 0 {
                    traps.append(match)
                }
            }

            if analyzed.questions > 0 {
                for cue in questionCues { categoryScores[cue.category] += cue.weight * unit.weight }
            }

            var negatives: [Double] = []
            var positives: [Double] = []
            var sentimentCues = 0
            var hostile = false
            for (position, match) in matches.enumerated() {
                if !setAside.isEmpty && setAside.contains(tokens[match.start].sentence) { continue }
                let weight = index.entries[match.entry].weight
                switch index.entries[match.entry].kind {
                case let .category(category):
                    // Negation removes evidence only where it denies the topic ("nothing was lost").
                    if match.negated && weight > 0 && index.entries[match.entry].negatable { continue }
                    if index.entries[match.entry].cue {
                        if cuesSeen.contains(match.entry) { continue }
                        cuesSeen.append(match.entry)
                    }
                    categoryScores[category] += weight * unit.weight
                case .churn:
                    if match.negated && weight > 0 { continue }
                    if churnSeen.contains(match.entry) { continue }
                    churnSeen.append(match.entry)
                    churnScore += weight
                    if weight > 0 { evidence.append("churn: \"\(phraseText(index.entries[match.entry]))\"") }
                case .sentiment:
                    if Self.insideLongerSentiment(position, matches, index) { continue }
                    sentimentCues += 1
                    var value = weight * match.intensity
                    // "not happy" leans negative; "not angry" or "not in the trash" only takes the anger away.
                    if match.negated { value = value > 0 ? -tuning.negatedPraise * value : 0 }
                    if value < 0 && weight < lexicon.frustrationFloor { hostile = true }
                    if value < 0 { negatives.append(value) } else if value > 0 { positives.append(value) }
                case .signal:
                    guard weight > 0, !match.negated, case let .signal(signal) = index.entries[match.entry].kind, !signalFound[signal] else { continue }
                    if !traps.isEmpty && Self.overlapsTrap(match, traps, index) { continue }
                    signalFound[signal] = true
                case .injection:
                    continue
                }
            }

            // Shouting and emphatic marks, outside the sentences set aside.
            var shouted = 0
            var emphasis = analyzed.emphasis
            for token in tokens where token.shouted || token.emphasis > 0 {
                if !setAside.isEmpty && setAside.contains(token.sentence) {
                    emphasis -= token.emphasis
                } else if token.shouted {
                    shouted += 1
                }
            }
            var shouting = 0.0
            if shouted >= tuning.shoutingMinWords
                && (Double(shouted) >= tuning.shoutingMinShare * Double(max(analyzed.letterWords, 1)) || shouted >= tuning.shoutingAlwaysWords) {
                shouting = min(tuning.shoutingMax, abs(lexicon.shoutingScore) * Double(shouted))
            }
            // A message without any cue says nothing about the customer's mood: it does not dilute the others.
            guard sentimentCues > 0 || shouting > 0 else { continue }
            var lean = Self.combine(negatives: negatives, positives: positives, tuning: tuning)
            // Frustration adds up, but only hostility is anger.
            if !hostile { lean = max(lean, lexicon.frustrationFloor) }
            var score = lean
            if lean > 0 { score += shouting } else if lean < 0 { score -= shouting } else { score -= shouting * tuning.shoutingWithoutCues }
            if score < 0 && emphasis > 1 {
                score += lexicon.exclamationScore * Double(min(emphasis - 1, tuning.exclamationMaxMarks))
            }
            let messageWeight = isSubject ? firstWeight * lexicon.subjectSentimentWeight : unit.weight
            sentimentTotal += max(-1, min(1, score)) * messageWeight
            sentimentWeight += messageWeight
        }

        // Category: highest evidence; ties go to the category declared first.
        var best = -1
        var second = 0.0
        for (category, score) in categoryScores.enumerated() {
            if best < 0 || score > categoryScores[best] {
                if best >= 0 { second = max(second, categoryScores[best]) }
                best = category
            } else {
                second = max(second, score)
            }
        }
        let top = best >= 0 ? categoryScores[best] : 0
        let category: String
        let confidence: Double
        if top >= lexicon.minCategoryScore {
            category = categoryNames[best]
            confidence = min(1, max(0, (top - max(second, 0)) / (top + 1)) * tuning.confidenceMarginWeight
                             + min(top, tuning.confidenceEvidenceCap) / tuning.confidenceEvidenceDivisor)
        } else {
            category = policy.taxonomy.defaultCategory
            confidence = tuning.defaultConfidence
        }
        let sentimentScore = sentimentWeight > 0 ? max(-1, min(1, sentimentTotal / sentimentWeight)) : 0
        let rounded = (sentimentScore * 1000).rounded() / 1000
        let signals = signalNames.indices.filter { signalFound[$0] }.map { signalNames[$0] }
        let churn = churnScore >= lexicon.minChurnScore

        var scores: [CategoryScore] = []
        for (category, score) in categoryScores.enumerated() where score != 0 {
            scores.append(CategoryScore(category: categoryNames[category], score: (score * 1000).rounded() / 1000))
        }
        scores.sort { $0.score > $1.score }
        var reason = top >= lexicon.minCategoryScore
            ? "\(category) evidence \(Self.format(top))" + (scores.count > 1 ? ", next \(scores[1].category) \(Self.format(scores[1].score))" : "")
            : "no category reached \(Self.format(lexicon.minCategoryScore)); default \(category)"
        if churn { reason += "; " + (evidence.first ?? "churn") }
        return Classification(category: category, confidence: (confidence * 1000).rounded() / 1000,
                              sentiment: policy.taxonomy.sentiment(for: rounded), sentimentScore: rounded,
                              churnRisk: churn, signals: signals, reason: reason, scores: scores)
    }

    /// Combines sentiment cues of one message: the strongest counts fully, further ones less and less (by
    /// `cue_decay`), and praise counts less inside a complaint (so "thanks" does not cancel "unacceptable").
    static func combine(negatives: [Double], positives: [Double], tuning: LexicalTuning) -> Double {
        func diminishing(_ values: [Double]) -> Double {
            var total = 0.0
            var factor = 1.0
            for value in values.sorted(by: { abs($0) > abs($1) }) {
                total += value * factor
                factor *= tuning.cueDecay
            }
            return total
        }
        let negative = diminishing(negatives)
        var positive = diminishing(positives)
        if negative < tuning.complaintThreshold { positive *= tuning.praiseInComplaint }
        return negative + positive
    }

    /// Whether a sentiment match lies inside a longer sentiment match: the longer phrase is what the customer
    /// said ("love it when" is sarcasm, not "love"; "would be great" is politeness, not praise). Matches come
    /// ordered by their first word, so only neighbours need looking at.
    static func insideLongerSentiment(_ position: Int, _ matches: [PhraseIndex.Match], _ index: PhraseIndex) -> Bool {
        let match = matches[position]
        let end = match.start + index.entries[match.entry].length
        func contains(_ other: PhraseIndex.Match) -> Bool {
            guard index.entries[other.entry].kind == .sentiment else { return false }
            let otherEnd = other.start + index.entries[other.entry].length
            return other.start <= match.start && otherEnd >= end && otherEnd - other.start > end - match.start
        }
        var before = position - 1
        while before >= 0 && matches[before].start > match.start - index.longestPhrase {
            if contains(matches[before]) { return true }
            before -= 1
        }
        var after = position + 1
        while after < matches.count && matches[after].start == match.start {
            if contains(matches[after]) { return true }
            after += 1
        }
        return false
    }

    /// Whether a trap of the same signal covers any word of a signal match.
    static func overlapsTrap(_ match: PhraseIndex.Match, _ traps: [PhraseIndex.Match], _ index: PhraseIndex) -> Bool {
        let end = match.start + index.entries[match.entry].length
        return traps.contains { trap in
            index.entries[trap.entry].kind == index.entries[match.entry].kind && trap.start < end
                && match.start < trap.start + index.entries[trap.entry].length
        }
    }

    private func phraseText(_ entry: PhraseIndex.Entry) -> String {
        entry.words.map { word -> String in
            switch word { case let .exact(text): return text; case let .prefix(text): return text + "*" }
        }.joined(separator: " ")
    }

    static func format(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
