/// The built-in, deterministic classifier: weighted lexicon phrases with negation, intensifiers, word
/// boundaries and recency weighting. Needs no network; everything it knows comes from `rules/lexicon.yaml`.
public struct LexicalClassifier: TicketClassifier {
    /// The policy it classifies for.
    public let policy: Policy
    private let index: PhraseIndex
    private let categoryNames: [String]
    private let signalNames: [String]

    /// Builds the phrase index for a policy.
    public init(policy: Policy) {
        self.policy = policy
        categoryNames = policy.taxonomy.categoryNames
        signalNames = policy.lexicon.signals.keys.sorted()
        index = PhraseIndex(lexicon: policy.lexicon, categoryNames: categoryNames, signalNames: signalNames)
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

    /// Classifies synchronously.
    public func classifySync(_ ticket: Ticket, stage: Int) -> Classification {
        let lexicon = policy.lexicon
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
        if let subject = ticket.subject, !subject.isEmpty { units.append((subject, firstWeight * lexicon.subjectWeight)) }

        for (position, unit) in units.enumerated() {
            let analyzed = TextAnalyzer.analyze(unit.text, clauseBreaks: lexicon.clauseBreaks)
            var negatives: [Double] = []
            var positives: [Double] = []
            for match in index.matches(in: analyzed) {
                let entry = index.entries[match.entry]
                switch entry.kind {
                case let .category(category):
                    if match.negated && entry.weight > 0 { continue }
                    categoryScores[category] += entry.weight * unit.weight
                case .churn:
                    if match.negated && entry.weight > 0 { continue }
                    churnScore += entry.weight
                    if entry.weight > 0 { evidence.append("churn: \"\(phraseText(entry))\"") }
                case .sentiment:
                    var value = entry.weight * match.intensity
                    if match.negated { value = value > 0 ? -0.5 * value : -0.3 * value }
                    if value < 0 { negatives.append(value) } else if value > 0 { positives.append(value) }
                case let .signal(signal):
                    if !match.negated { signalFound[signal] = true }
                }
            }
            let isSubject = position == units.count - 1 && ticket.subject != nil && !(ticket.subject ?? "").isEmpty
            if !isSubject || negatives.count + positives.count > 0 {
                let shouted = analyzed.tokens.lazy.filter(\.shouted).count
                var shouting = 0.0
                if shouted >= 3 && (Double(shouted) >= 0.3 * Double(max(analyzed.letterWords, 1)) || shouted >= 6) {
                    shouting = max(-0.6, lexicon.shoutingScore * Double(shouted))
                }
                var score = Self.combine(negatives: negatives, positives: positives) + shouting
                if score < 0 && analyzed.exclamations > 1 {
                    score += lexicon.exclamationScore * Double(min(analyzed.exclamations - 1, 4))
                }
                let messageWeight = isSubject ? unit.weight : unit.weight
                sentimentTotal += max(-1, min(1, score)) * messageWeight
                sentimentWeight += messageWeight
            }
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
            confidence = min(1, max(0, (top - max(second, 0)) / (top + 1)) * 0.6 + min(top, 6) / 15)
        } else {
            category = policy.taxonomy.defaultCategory
            confidence = 0.3
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

    /// Combines sentiment cues of one message: the strongest counts fully, further ones less and less, and
    /// praise counts half inside a complaint (so "thanks" does not cancel "unacceptable").
    static func combine(negatives: [Double], positives: [Double]) -> Double {
        func diminishing(_ values: [Double]) -> Double {
            var total = 0.0
            var factor = 1.0
            for value in values.sorted(by: { abs($0) > abs($1) }) {
                total += value * factor
                factor *= 0.5
            }
            return total
        }
        let negative = diminishing(negatives)
        var positive = diminishing(positives)
        if negative < -0.3 { positive *= 0.5 }
        return negative + positive
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
