import Foundation

/// Reads a model's classification answer into labels, surviving what real models write: JSON in fences or
/// prose, trailing commas, single quotes, keys and labels in another case or spelling (`"How-To"` →
/// `how_to`), booleans and numbers as strings, confidence as a percentage, missing optional fields.
///
/// What it will not do is guess. A label outside the taxonomy, or an answer that is empty, cut off or not
/// JSON, is an invalid output: the classification keeps the raw label (or ``invalidLabel``), has
/// confidence 0 and the signal ``invalidSignal``, so it can never score as correct by accident.
public struct ModelOutputParser: Sendable {
    /// The signal an invalid answer carries.
    public static let invalidSignal = "invalid_output"
    /// The label given when the answer has no usable label at all.
    public static let invalidLabel = "(invalid)"

    /// What a parse produced.
    public struct Output: Sendable, Equatable {
        /// The labels (or the invalid-output classification).
        public var classification: Classification
        /// Stage 2's `changed` answer, when given.
        public var changed: Bool?
        /// Why the answer is invalid; empty when it is valid.
        public var problems: [String]
        /// Whether the answer was usable.
        public var isValid: Bool { problems.isEmpty }
    }

    /// The taxonomy labels must come from.
    public let taxonomy: Taxonomy
    private let categories: [String: String]
    private let sentiments: [String: String]
    private let priorities: [String: String]
    private let midpoints: [String: Double]

    /// Creates a parser for a taxonomy.
    public init(taxonomy: Taxonomy) {
        self.taxonomy = taxonomy
        func index(_ names: [String]) -> [String: String] {
            Dictionary(names.map { (Self.canonicalLabel($0), $0) }, uniquingKeysWith: { first, _ in first })
        }
        categories = index(taxonomy.categoryNames)
        sentiments = index(taxonomy.sentimentNames)
        priorities = index(taxonomy.priorities)
        midpoints = Dictionary(taxonomy.sentimentRanges.map { ($0.name, $0.midpoint) }, uniquingKeysWith: { first, _ in first })
    }

    /// Parses an answer. Never throws and never crashes; see ``Output/isValid``.
    public func parse(_ text: String) -> Output {
        guard text.contains(where: { !$0.isWhitespace }) else { return invalid(["the answer is empty"]) }
        let fields: [String: JSONValue]
        switch LenientJSON.firstObject(in: text, where: { Self.fields(of: $0)[Self.canonicalKey(ClassificationSchema.Key.category)] != nil }) {
        case let .object(object): fields = Self.fields(of: object)
        case .truncated: return invalid(["the JSON object is not closed (answer cut off?)"])
        case .unreadable: return invalid(["no readable JSON object in the answer"])
        case .none: return invalid(["no JSON object in the answer"])
        }
        func field(_ key: String) -> JSONValue? {
            guard let value = fields[Self.canonicalKey(key)], value != .null else { return nil }
            return value
        }
        var problems: [String] = []

        let category = label(field(ClassificationSchema.Key.category), key: ClassificationSchema.Key.category,
                             names: categories, what: "categories", problems: &problems)
        var score = field(ClassificationSchema.Key.sentimentScore).flatMap(Self.number).map { max(-1, min(1, $0.value)) }
        let sentiment: String
        if field(ClassificationSchema.Key.sentiment) == nil, let score {
            sentiment = taxonomy.sentiment(for: score)
        } else {
            sentiment = label(field(ClassificationSchema.Key.sentiment), key: ClassificationSchema.Key.sentiment,
                              names: sentiments, what: "sentiments", problems: &problems)
        }
        if score == nil { score = midpoints[sentiment] ?? 0 }

        var priority: String?
        if let value = field(ClassificationSchema.Key.priority) {
            priority = label(value, key: ClassificationSchema.Key.priority, names: priorities, what: "priorities", problems: &problems)
        }
        var confidence = 0.5
        if let value = field(ClassificationSchema.Key.confidence), let parsed = Self.confidence(value) { confidence = parsed }
        var churn = false
        if let value = field(ClassificationSchema.Key.churnRisk) {
            if let parsed = Self.bool(value) { churn = parsed } else { problems.append("churn_risk \(Self.describe(value)) is not true or false") }
        }
        var changed: Bool?
        if let value = field(ClassificationSchema.Key.changed) {
            if let parsed = Self.bool(value) { changed = parsed } else { problems.append("changed \(Self.describe(value)) is not true or false") }
        }
        let reason = field(ClassificationSchema.Key.reason).map(Self.text) ?? ""

        var classification = Classification(category: category, confidence: confidence, sentiment: sentiment,
                                            sentimentScore: score ?? 0, churnRisk: churn, suggestedPriority: priority, reason: reason)
        if !problems.isEmpty {
            classification.confidence = 0
            classification.signals = [Self.invalidSignal]
            classification.reason = Self.invalidReason(problems) + (reason.isEmpty ? "" : "; model's reason: \(reason)")
        }
        return Output(classification: classification, changed: changed, problems: problems)
    }

    /// A label from the taxonomy, or the raw label (or ``invalidLabel``) with a problem recorded.
    private func label(_ value: JSONValue?, key: String, names: [String: String], what: String, problems: inout [String]) -> String {
        var value = value
        if case let .array(items)? = value, items.count == 1 { value = items[0] }
        guard let value else {
            problems.append("missing \"\(key)\"")
            return Self.invalidLabel
        }
        guard case let .string(raw) = value else {
            problems.append("\(key) \(Self.describe(value)) is not a label")
            return Self.invalidLabel
        }
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if let name = names[Self.canonicalLabel(trimmed)] { return name }
        problems.append("\(key) \"\(trimmed)\" is not one of the taxonomy's \(what)")
        return trimmed.isEmpty ? Self.invalidLabel : trimmed
    }

    private func invalid(_ problems: [String]) -> Output {
        let classification = Classification(category: Self.invalidLabel, confidence: 0, sentiment: Self.invalidLabel, sentimentScore: 0,
                                            churnRisk: false, signals: [Self.invalidSignal], reason: Self.invalidReason(problems))
        return Output(classification: classification, changed: nil, problems: problems)
    }

    private static func invalidReason(_ problems: [String]) -> String {
        "\(invalidSignal): " + problems.joined(separator: "; ")
    }

    // MARK: - Normalisation

    /// The fields of an answer by canonical key; an answer wrapped in one object (`{"result": {…}}`) is
    /// unwrapped when the wrapper itself has no category.
    static func fields(of object: [String: JSONValue]) -> [String: JSONValue] {
        var fields: [String: JSONValue] = [:]
        for (key, value) in object {
            let canonical = canonicalKey(key)
            if fields[canonical] == nil || fields[canonical] == .null { fields[canonical] = value }
        }
        let categoryKey = canonicalKey(ClassificationSchema.Key.category)
        if fields[categoryKey] == nil {
            let nested = object.values.compactMap { value -> [String: JSONValue]? in
                if case let .object(inner) = value { return inner }
                return nil
            }
            if nested.count == 1 {
                let inner = Self.fields(of: nested[0])
                if inner[categoryKey] != nil { return inner }
            }
        }
        if fields[canonicalKey(ClassificationSchema.Key.churnRisk)] == nil, let churn = fields["churn"] {
            fields[canonicalKey(ClassificationSchema.Key.churnRisk)] = churn
        }
        return fields
    }

    /// `sentiment_score`, `sentimentScore`, `Sentiment Score` and `sentiment-score` all become `sentimentscore`.
    static func canonicalKey(_ key: String) -> String {
        String(String.UnicodeScalarView(key.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }))
    }

    /// `Billing`, `how to`, `How-To`, `"how_to."` all become `how_to`; anything else keeps its shape.
    static func canonicalLabel(_ label: String) -> String {
        var text = label.lowercased().trimmingCharacters(in: .whitespacesAndNewlines)
        text = text.trimmingCharacters(in: CharacterSet(charactersIn: "\"'`.*"))
        var result = ""
        var pendingSeparator = false
        for character in text {
            if character == " " || character == "-" || character == "_" || character == "\t" {
                pendingSeparator = !result.isEmpty
            } else {
                if pendingSeparator { result.append("_") }
                pendingSeparator = false
                result.append(character)
            }
        }
        return result
    }

    /// A number from a number or a numeric string; `percent` when written with `%`.
    static func number(_ value: JSONValue) -> (value: Double, percent: Bool)? {
        switch value {
        case let .int(int): return (Double(int), false)
        case let .double(double): return (double, false)
        case let .string(text):
            var trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            let percent = trimmed.hasSuffix("%")
            if percent { trimmed = String(trimmed.dropLast()).trimmingCharacters(in: .whitespaces) }
            guard let double = Double(trimmed), double.isFinite else { return nil }
            return (double, percent)
        default: return nil
        }
    }

    /// Confidence in 0...1: `0.85`, `"0.85"`, `85`, `"85%"`; words `high`/`medium`/`low` as 0.9/0.6/0.3.
    static func confidence(_ value: JSONValue) -> Double? {
        if case let .string(text) = value {
            switch text.trimmingCharacters(in: .whitespaces).lowercased() {
            case "high": return 0.9
            case "medium": return 0.6
            case "low": return 0.3
            default: break
            }
        }
        guard let (number, percent) = number(value) else { return nil }
        let scaled = percent || (number > 1 && number <= 100) ? number / 100 : number
        return max(0, min(1, scaled))
    }

    /// A boolean from `true`, `"yes"`, `"True"`, `1`, `"no"`…; nil for anything else.
    static func bool(_ value: JSONValue) -> Bool? {
        switch value {
        case let .bool(bool): return bool
        case let .int(int) where int == 0 || int == 1: return int == 1
        case let .string(text):
            switch text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() {
            case "true", "yes", "y", "1": return true
            case "false", "no", "n", "0": return false
            default: return nil
            }
        default: return nil
        }
    }

    private static func text(_ value: JSONValue) -> String {
        if case let .string(text) = value { return text }
        return String(decoding: value.encoded(), as: UTF8.self)
    }

    private static func describe(_ value: JSONValue) -> String {
        if case let .string(text) = value { return "\"\(text)\"" }
        return String(decoding: value.encoded(), as: UTF8.self)
    }
}
