import Foundation

/// Loads a ``Policy`` from a rules directory holding `taxonomy.yaml`, `escalation.yaml` and `lexicon.yaml`.
public enum PolicyLoader {
    /// The files a rules directory must hold, in load order.
    public static let fileNames = ["taxonomy.yaml", "lexicon.yaml", "escalation.yaml"]

    /// Loads and cross-checks the policy in `directory`; every problem is a positioned ``LoadError``.
    public static func load(directory: String) throws -> Policy {
        let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        let files = try fileNames.map { try YAMLFile.read(path: base + "/" + $0) }
        return try load(taxonomy: files[0], lexicon: files[1], escalation: files[2])
    }

    /// Loads a policy from three already-read files.
    public static func load(taxonomy taxonomyFile: YAMLFile, lexicon lexiconFile: YAMLFile, escalation escalationFile: YAMLFile) throws -> Policy {
        let taxonomy = try loadTaxonomy(taxonomyFile)
        let lexicon = try loadLexicon(lexiconFile, taxonomy: taxonomy)
        let (rules, precedence, priorityRules) = try loadEscalation(escalationFile, taxonomy: taxonomy, lexicon: lexicon)
        let sources = [taxonomyFile, lexiconFile, escalationFile].map { SourceFile(kind: "rules", path: $0.path, sha256: $0.sha256) }
        return Policy(taxonomy: taxonomy, rules: rules, precedence: precedence, priorityRules: priorityRules, lexicon: lexicon, sources: sources)
    }

    // MARK: - taxonomy.yaml

    static func loadTaxonomy(_ file: YAMLFile) throws -> Taxonomy {
        let root = try file.root().mapping(allowed: ["categories", "priorities", "sentiments", "channels", "plans", "teams", "default_category", "default_priority"], what: "the taxonomy")

        var categories: [Taxonomy.Category] = []
        for node in try root.require("categories").sequence(what: "categories") {
            let entry = try node.mapping(allowed: ["name", "description"], what: "a category")
            let name = try identifier(entry.require("name"), what: "category name", taken: categories.map(\.name))
            categories.append(.init(name: name, description: try entry["description"]?.string(what: "description") ?? ""))
        }
        try nonEmpty(categories, root.require("categories"), "categories")

        var priorities: [String] = []
        for node in try root.require("priorities").sequence(what: "priorities") {
            priorities.append(try identifier(node, what: "priority name", taken: priorities))
        }
        try nonEmpty(priorities, root.require("priorities"), "priorities")

        var sentiments: [Taxonomy.SentimentBand] = []
        for node in try root.require("sentiments").sequence(what: "sentiments") {
            let entry = try node.mapping(allowed: ["name", "min_score", "max_score"], what: "a sentiment")
            let name = try identifier(entry.require("name"), what: "sentiment name", taken: sentiments.map(\.name))
            let minScore = try entry["min_score"]?.double(what: "min_score", in: -1...1)
            let maxScore = try entry["max_score"]?.double(what: "max_score", in: -1...1)
            sentiments.append(.init(name: name, minScore: minScore, maxScore: maxScore))
        }
        let sentimentsNode = try root.require("sentiments")
        try nonEmpty(sentiments, sentimentsNode, "sentiments")
        if let last = sentiments.last, last.minScore != nil || last.maxScore != nil {
            throw sentimentsNode.error("the last sentiment must have no min_score or max_score (it is the default band)")
        }

        var channels: [Taxonomy.Channel] = []
        for node in try root.require("channels").sequence(what: "channels") {
            let entry = try node.mapping(allowed: ["name", "style", "max_message_chars"], what: "a channel")
            let name = try identifier(entry.require("name"), what: "channel name", taken: channels.map(\.name))
            let styleName = try entry.require("style").oneOf(ReplyStyle.allCases.map(\.rawValue), what: "reply style")
            let maxChars = try entry["max_message_chars"]?.int(what: "max_message_chars", minimum: 160) ?? 100_000
            channels.append(.init(name: name, style: ReplyStyle(rawValue: styleName)!, maxMessageChars: maxChars))
        }
        try nonEmpty(channels, root.require("channels"), "channels")

        var plans: [Taxonomy.Plan] = []
        for node in try root.require("plans").sequence(what: "plans") {
            let entry = try node.mapping(allowed: ["name", "first_response_hours"], what: "a plan")
            let name = try identifier(entry.require("name"), what: "plan name", taken: plans.map(\.name))
            let hours = try entry.require("first_response_hours").double(what: "first_response_hours", in: 0.01...10_000)
            plans.append(.init(name: name, firstResponseHours: hours))
        }
        try nonEmpty(plans, root.require("plans"), "plans")

        var teams: [Taxonomy.Team] = []
        for node in try root.require("teams").sequence(what: "teams") {
            let entry = try node.mapping(allowed: ["name", "display_name", "contact"], what: "a team")
            let name = try identifier(entry.require("name"), what: "team name", taken: teams.map(\.name))
            if name == "none" { throw try entry.require("name").error("\"none\" is reserved (it means nobody is escalated to); choose another team name") }
            teams.append(.init(name: name, displayName: try entry.require("display_name").string(what: "display_name"),
                               contact: try entry.require("contact").string(what: "contact")))
        }
        try nonEmpty(teams, root.require("teams"), "teams")

        let defaultCategory = try root.require("default_category").oneOf(categories.map(\.name), what: "default_category")
        let defaultPriority = try root.require("default_priority").oneOf(priorities, what: "default_priority")
        return Taxonomy(categories: categories, priorities: priorities, sentiments: sentiments, channels: channels, plans: plans,
                        teams: teams, defaultCategory: defaultCategory, defaultPriority: defaultPriority)
    }

    // MARK: - lexicon.yaml

    static func loadLexicon(_ file: YAMLFile, taxonomy: Taxonomy) throws -> Lexicon {
        let root = try file.root().mapping(allowed: ["negators", "negation_window", "clause_breaks", "intensifiers", "categories", "churn",
                                                     "sentiment", "signals", "min_category_score", "min_churn_score", "recency_decay",
                                                     "subject_weight", "subject_sentiment_weight", "shouting_score", "exclamation_score",
                                                     "injection_phrases", "injection_patterns",
                                                     "injection_normalization", "cues", "question_cues", "negatable", "frustration_floor",
                                                     "tuning"], what: "the lexicon")
        let negators = Set(try words(root.require("negators"), what: "negators"))
        let clauseBreaks = Set(try root["clause_breaks"].map { try words($0, what: "clause_breaks") } ?? [])

        var intensifiers: [String: Double] = [:]
        if let node = root["intensifiers"] {
            for (key, _, value) in try node.mapping(allowed: [], what: "intensifiers").entries {
                intensifiers[key.lowercased()] = try value.double(what: "intensifier factor", in: 0...5)
            }
        }

        func category(_ name: String, _ keyNode: YAMLNode) throws -> String {
            guard taxonomy.categoryNames.contains(name) else {
                throw keyNode.error("unknown category \"\(name)\"; expected one of: \(taxonomy.categoryNames.joined(separator: ", "))")
            }
            return name
        }
        var categories: [String: [Lexicon.Entry]] = [:]
        for (name, keyNode, value) in try root.require("categories").mapping(allowed: [], what: "category phrases").entries {
            categories[try category(name, keyNode)] = try weightedPhrases(value, what: "phrases for \(name)", range: -10...10)
        }
        var cues: [String: [Lexicon.Entry]] = [:]
        if let node = root["cues"] {
            for (name, keyNode, value) in try node.mapping(allowed: [], what: "category cues").entries {
                cues[try category(name, keyNode)] = try weightedPhrases(value, what: "cues for \(name)", range: 0...1)
            }
        }
        var questionCues: [String: Double] = [:]
        if let node = root["question_cues"] {
            for (name, keyNode, value) in try node.mapping(allowed: [], what: "question cues").entries {
                questionCues[try category(name, keyNode)] = try value.double(what: "question cue weight of \(name)", in: 0...1)
            }
        }
        var negatable: [String: [Phrase.Word]] = [:]
        if let node = root["negatable"] {
            for (name, keyNode, value) in try node.mapping(allowed: [], what: "negatable words").entries {
                negatable[try category(name, keyNode)] = try value.sequence(what: "negatable words for \(name)").map { wordNode in
                    let parsed = try phrase(wordNode)
                    guard parsed.words.count == 1 else { throw wordNode.error("expected one word or stem (e.g. lost or disappear*), found \"\(parsed.source)\"") }
                    return parsed.words[0]
                }
            }
        }
        let churn = try weightedPhrases(root.require("churn"), what: "churn phrases", range: -10...10)
        let sentiment = try weightedPhrases(root.require("sentiment"), what: "sentiment phrases", range: -1...1)

        var signals: [String: [Lexicon.Entry]] = [:]
        if let node = root["signals"] {
            for (name, keyNode, value) in try node.mapping(allowed: [], what: "signals").entries {
                _ = try identifier(keyNode, what: "signal name", taken: [])
                if value.kind == .mapping {
                    // phrase: 1 is evidence, phrase: -1 a trap that cancels the evidence it overlaps
                    signals[name] = try value.mapping(allowed: [], what: "phrases of signal \(name)").entries.map { key, keyNode, weightNode in
                        guard let parsed = Phrase(key) else { throw keyNode.error("the phrase \"\(key)\" has no words") }
                        let weight = try weightNode.double(what: "weight of \"\(key)\"", in: -1...1)
                        if weight == 0 { throw weightNode.error("weight of \"\(key)\" is 0; expected 1 (evidence) or -1 (a trap)") }
                        return Lexicon.Entry(phrase: parsed, weight: weight)
                    }
                } else {
                    signals[name] = try value.sequence(what: "phrases of signal \(name)").map { phraseNode in
                        Lexicon.Entry(phrase: try phrase(phraseNode), weight: 1)
                    }
                }
            }
        }

        var lexicon = Lexicon(
            negators: negators,
            negationWindow: try root["negation_window"]?.int(what: "negation_window", minimum: 1) ?? 3,
            clauseBreaks: clauseBreaks,
            intensifiers: intensifiers,
            categories: categories,
            cues: cues,
            questionCues: questionCues,
            negatable: negatable,
            churn: churn,
            sentiment: sentiment,
            signals: signals,
            minCategoryScore: try root["min_category_score"]?.double(what: "min_category_score", in: 0...100) ?? 1,
            minChurnScore: try root["min_churn_score"]?.double(what: "min_churn_score", in: 0...100) ?? 1,
            recencyDecay: try root["recency_decay"]?.double(what: "recency_decay", in: 0...1) ?? 0.5,
            subjectWeight: try root["subject_weight"]?.double(what: "subject_weight", in: 0...5) ?? 0.7,
            subjectSentimentWeight: try root["subject_sentiment_weight"]?.double(what: "subject_sentiment_weight", in: 0...1) ?? 0.3,
            shoutingScore: try root["shouting_score"]?.double(what: "shouting_score", in: -1...0) ?? -0.15,
            frustrationFloor: try root["frustration_floor"]?.double(what: "frustration_floor", in: -1...0) ?? -0.6,
            exclamationScore: try root["exclamation_score"]?.double(what: "exclamation_score", in: -1...0) ?? -0.05,
            injectionPhrases: try root["injection_phrases"].map { try $0.sequence(what: "injection phrases").map(phrase) } ?? [],
            injectionPatterns: try patternSet(root["injection_patterns"], what: "injection patterns", caseInsensitive: true),
            injectionNormalizer: try root["injection_normalization"].map(normalizer) ?? TextNormalizer()
        )
        lexicon.tuning = try LexicalTuning(node: root["tuning"])
        return lexicon
    }

    // MARK: - escalation.yaml

    static func loadEscalation(_ file: YAMLFile, taxonomy: Taxonomy, lexicon: Lexicon) throws -> ([EscalationRule], [String], [PriorityRule]) {
        let root = try file.root().mapping(allowed: ["rules", "precedence", "priority"], what: "the escalation policy")
        let parser = ConditionParser(taxonomy: taxonomy, signals: Set(lexicon.signals.keys), ruleIDs: nil)

        var rules: [EscalationRule] = []
        for node in try root.require("rules").sequence(what: "escalation rules") {
            let entry = try node.mapping(allowed: ["id", "tier", "team", "description", "when", "unless"], what: "an escalation rule")
            let id = try identifier(entry.require("id"), what: "rule id", taken: rules.map(\.id))
            let tierName = try entry.require("tier").oneOf(EscalationTier.allCases.map(\.rawValue), what: "tier")
            let tier = EscalationTier(rawValue: tierName)!
            var team: String?
            if let teamNode = entry["team"] {
                team = try teamNode.oneOf(taxonomy.teamNames, what: "team")
                if tier == .never { throw teamNode.error("a never rule routes to no team; remove \"team\"") }
            } else if tier != .never {
                throw entry.node.error("missing key \"team\" in an escalation rule (an \(tier.rawValue) rule routes to a team)")
            }
            let when = try parser.parse(entry.require("when"))
            if tier == .always, let unlessKey = entry.entries.first(where: { $0.key == "unless" })?.keyNode {
                throw unlessKey.error("an always rule cannot have \"unless\": it must escalate whenever its condition holds; "
                                      + "narrow \"when\" or make the rule likely")
            }
            let unless = try entry["unless"].map { try parser.parse($0) }
            rules.append(EscalationRule(id: id, tier: tier, team: team, description: try entry["description"]?.string(what: "description") ?? "",
                                        when: when, unless: unless))
        }
        try nonEmpty(rules, root.require("rules"), "escalation rules")

        var precedence: [String] = []
        let ids = rules.map(\.id)
        for node in try root.require("precedence").sequence(what: "precedence") {
            let id = try node.oneOf(ids, what: "rule id")
            if precedence.contains(id) { throw node.error("rule \"\(id)\" is listed twice in precedence") }
            precedence.append(id)
        }
        let unlisted = rules.filter { $0.tier != .never && !precedence.contains($0.id) }.map(\.id)
        if !unlisted.isEmpty {
            throw try root.require("precedence").error("precedence must list every always and likely rule; missing: \(unlisted.joined(separator: ", "))")
        }

        let priorityParser = ConditionParser(taxonomy: taxonomy, signals: Set(lexicon.signals.keys), ruleIDs: ids)
        var priorityRules: [PriorityRule] = []
        for node in try root.require("priority").sequence(what: "priority rules") {
            let entry = try node.mapping(allowed: ["id", "priority", "when"], what: "a priority rule")
            let id = try identifier(entry.require("id"), what: "priority rule id", taken: priorityRules.map(\.id) + ids)
            priorityRules.append(PriorityRule(id: id, priority: try entry.require("priority").oneOf(taxonomy.priorities, what: "priority"),
                                              when: try priorityParser.parse(entry.require("when"))))
        }
        return (rules, precedence, priorityRules)
    }

    // MARK: - helpers

    static func identifier(_ node: YAMLNode, what: String, taken: [String]) throws -> String {
        try node.identifier(what: what, taken: taken)
    }

    /// A list of regular expressions, each checked where it is written.
    static func patternSet(_ node: YAMLNode?, what: String, caseInsensitive: Bool) throws -> PatternSet {
        guard let node else { return try! PatternSet([], caseInsensitive: caseInsensitive) }
        let items = try node.sequence(what: what)
        let sources = try items.map { try $0.string(what: "a regular expression") }
        // One compile per pattern: PatternSet parses each and names the one that fails.
        do { return try PatternSet(sources, caseInsensitive: caseInsensitive) } catch {
            throw items[error.patternIndex].error(error, pattern: sources[error.patternIndex])
        }
    }

    /// `injection_normalization: {confusables: {"а": a}, leetspeak: {"0": o}}`: each key one character.
    static func normalizer(_ node: YAMLNode) throws -> TextNormalizer {
        let map = try node.mapping(allowed: ["confusables", "leetspeak"], what: "injection normalization")
        func character(_ keyNode: YAMLNode, _ key: String, _ what: String) throws -> Unicode.Scalar {
            guard key.unicodeScalars.count == 1, let scalar = key.unicodeScalars.first else {
                throw keyNode.error("expected one character as a \(what) key, found \(YAMLNode.quoted(key))")
            }
            return scalar
        }
        var normalizer = TextNormalizer()
        if let confusables = map["confusables"] {
            for (key, keyNode, value) in try confusables.mapping(allowed: [], what: "confusables").entries {
                let scalar = try character(keyNode, key, "confusable")
                let latin = try value.string(what: "the letters \(YAMLNode.quoted(key)) stands for")
                guard latin.unicodeScalars.allSatisfy({ $0.isASCII && $0.properties.isAlphabetic }) else {
                    throw value.error("expected Latin letters for \(YAMLNode.quoted(key)), found \(YAMLNode.quoted(latin))")
                }
                normalizer.confusables[scalar] = latin
            }
        }
        if let leetspeak = map["leetspeak"] {
            for (key, keyNode, value) in try leetspeak.mapping(allowed: [], what: "leetspeak").entries {
                let scalar = try character(keyNode, key, "leetspeak")
                guard scalar.isASCII, !scalar.properties.isAlphabetic, scalar != " " else {
                    throw keyNode.error("expected an ASCII digit or symbol as a leetspeak key, found \(YAMLNode.quoted(key))")
                }
                let letter = try value.string(what: "the letter \(YAMLNode.quoted(key)) stands for")
                guard letter.unicodeScalars.count == 1, let target = letter.unicodeScalars.first, target.isASCII, target.properties.isLowercase else {
                    throw value.error("expected one lowercase Latin letter for \(YAMLNode.quoted(key)), found \(YAMLNode.quoted(letter))")
                }
                normalizer.leetspeak[scalar] = target
            }
        }
        return normalizer
    }

    static func nonEmpty<T>(_ values: [T], _ node: YAMLNode, _ what: String) throws {
        if values.isEmpty { throw node.error("\(what) must not be empty") }
    }

    static func words(_ node: YAMLNode, what: String) throws -> [String] {
        try node.sequence(what: what).map { try $0.string(what: "a word").lowercased() }
    }

    static func phrase(_ node: YAMLNode) throws -> Phrase {
        let text = try node.string(what: "a phrase")
        guard let phrase = Phrase(text) else { throw node.error("the phrase \"\(text)\" has no words") }
        return phrase
    }

    static func weightedPhrases(_ node: YAMLNode, what: String, range: ClosedRange<Double>) throws -> [Lexicon.Entry] {
        try node.mapping(allowed: [], what: what).entries.map { key, keyNode, value in
            guard let phrase = Phrase(key) else { throw keyNode.error("the phrase \"\(key)\" has no words") }
            return Lexicon.Entry(phrase: phrase, weight: try value.double(what: "weight of \"\(key)\"", in: range))
        }
    }
}
