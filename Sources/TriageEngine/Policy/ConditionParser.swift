import Foundation

/// Parses rule conditions from YAML, checking every name against the taxonomy.
struct ConditionParser {
    let taxonomy: Taxonomy
    let signals: Set<String>
    /// Escalation rule ids that `fired` may name; nil where `fired` is not allowed.
    let ruleIDs: [String]?

    static let keys = ["all", "any", "not", "category", "sentiment", "sentiment_score", "confidence", "churn_risk", "plan",
                       "channel", "stage", "signal", "text_matches", "text_pattern", "fired"]

    func parse(_ node: YAMLNode) throws -> Condition {
        let allowed = ruleIDs == nil ? Self.keys.filter { $0 != "fired" } : Self.keys
        let mapping = try node.mapping(allowed: allowed, what: "a condition")
        if mapping.entries.isEmpty { throw node.error("a condition must have at least one key; expected one of: \(allowed.joined(separator: ", "))") }
        let parts = try mapping.entries.map { try parse(key: $0.key, value: $0.value) }
        return parts.count == 1 ? parts[0] : .all(parts)
    }

    private func parse(key: String, value: YAMLNode) throws -> Condition {
        switch key {
        case "all", "any":
            let items = try value.sequence(what: "conditions of \(key)")
            if items.isEmpty { throw value.error("\(key) needs at least one condition") }
            let conditions = try items.map(parse)
            return key == "all" ? .all(conditions) : .any(conditions)
        case "not": return .not(try parse(value))
        case "category": return .category(try names(value, taxonomy.categoryNames, "category"))
        case "sentiment": return .sentiment(try names(value, taxonomy.sentimentNames, "sentiment"))
        case "plan": return .plan(try names(value, taxonomy.planNames, "plan"))
        case "channel": return .channel(try names(value, taxonomy.channelNames, "channel"))
        case "signal": return .signal(try names(value, signals.sorted(), "signal"))
        case "fired": return .fired(try names(value, ruleIDs ?? [], "rule id"))
        case "churn_risk": return .churnRisk(try value.bool(what: "churn_risk"))
        case "stage":
            let stages = try value.scalarOrSequence(what: "stage")
            if stages.isEmpty { throw value.error("expected at least one stage (1 or 2)") }
            return .stage(Set(try stages.map { node in
                let stage = try node.int(what: "stage", minimum: 1)
                guard stage <= 2 else { throw node.error("expected stage 1 or 2, found \(stage)") }
                return stage
            }))
        case "sentiment_score", "confidence":
            let range: ClosedRange<Double> = key == "confidence" ? 0...1 : -1...1
            let band = try value.mapping(allowed: ["below", "at_least"], what: "a \(key) band")
            let below = try band["below"]?.double(what: "below", in: range)
            let atLeast = try band["at_least"]?.double(what: "at_least", in: range)
            if below == nil && atLeast == nil { throw value.error("a \(key) band needs \"below\" or \"at_least\"") }
            return key == "confidence" ? .confidence(below: below, atLeast: atLeast) : .sentimentScore(below: below, atLeast: atLeast)
        case "text_matches":
            let phrases = try value.scalarOrSequence(what: "phrases").map(PolicyLoader.phrase)
            if phrases.isEmpty { throw value.error("text_matches needs at least one phrase (an empty list never matches)") }
            return .textMatches(phrases)
        case "text_pattern":
            let regex = try value.regex(caseInsensitive: true)
            return .textPattern(.init(source: regex.source, regex: regex))
        default:
            throw value.error("unknown condition \"\(key)\"")
        }
    }

    private func names(_ node: YAMLNode, _ allowed: [String], _ what: String) throws -> Set<String> {
        let values = try node.scalarOrSequence(what: "\(what) names").map { try $0.oneOf(allowed, what: what) }
        if values.isEmpty { throw node.error("expected at least one \(what)") }
        return Set(values)
    }
}
