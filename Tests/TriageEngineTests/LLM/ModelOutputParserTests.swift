import Testing
@testable import TriageEngine

/// The parser against answers real models give, from clean JSON to what tiny local models produce.
@Suite("Model output parser")
struct ModelOutputParserTests {
    /// One answer and the labels it must give.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var answer: String
        var category: String
        var sentiment: String
        var confidence: Double
        var sentimentScore: Double
        var churn = false
        var priority: String? = nil
        var changed: Bool? = nil
        var valid = true
        var testDescription: String { name }
    }

    static let parser = ModelOutputParser(taxonomy: Fixtures.policy.taxonomy)

    // Where the model gives no score, the parser uses the midpoint of the label's band in the shipped
    // taxonomy (tested in PromptVariablesTests.sentimentMidpoints); read here so band tuning does not break these cases.
    static let angryMidpoint = Fixtures.policy.taxonomy.sentimentMidpoint(for: "angry")!
    static let neutralMidpoint = Fixtures.policy.taxonomy.sentimentMidpoint(for: "neutral")!
    static let frustratedMidpoint = Fixtures.policy.taxonomy.sentimentMidpoint(for: "frustrated")!
    static let cases: [Case] = [
        Case(name: "clean JSON as asked",
             answer: #"{"category": "billing", "confidence": 0.92, "priority": "high", "sentiment": "frustrated", "sentiment_score": -0.4, "churn_risk": false, "reason": "Charged twice"}"#,
             category: "billing", sentiment: "frustrated", confidence: 0.92, sentimentScore: -0.4, priority: "high"),
        Case(name: "JSON in a json code fence",
             answer: "```json\n{\"category\": \"technical_bug\", \"confidence\": 0.8, \"sentiment\": \"neutral\", \"sentiment_score\": 0}\n```",
             category: "technical_bug", sentiment: "neutral", confidence: 0.8, sentimentScore: 0),
        Case(name: "prose before and after",
             answer: "Sure! Here is the classification for this ticket:\n\n{\"category\": \"how_to\", \"confidence\": 0.7, \"sentiment\": \"neutral\", \"sentiment_score\": 0.1}\n\nLet me know if you need anything else.",
             category: "how_to", sentiment: "neutral", confidence: 0.7, sentimentScore: 0.1),
        Case(name: "trailing commas",
             answer: "{\n  \"category\": \"feature_request\",\n  \"confidence\": 0.75,\n  \"sentiment\": \"positive\",\n  \"sentiment_score\": 0.5,\n}",
             category: "feature_request", sentiment: "positive", confidence: 0.75, sentimentScore: 0.5),
        Case(name: "Python dict with single quotes and False",
             answer: "{'category': 'technical_bug', 'confidence': 0.8, 'sentiment': 'frustrated', 'sentiment_score': -0.3, 'churn_risk': False, 'reason': 'Export fails'}",
             category: "technical_bug", sentiment: "frustrated", confidence: 0.8, sentimentScore: -0.3),
        Case(name: "labels capitalised, optional fields missing",
             answer: #"{"category": "Billing", "sentiment": "Angry"}"#,
             category: "billing", sentiment: "angry", confidence: 0.5, sentimentScore: angryMidpoint),
        Case(name: "label with a space",
             answer: #"{"category": "how to", "sentiment": "neutral", "confidence": 0.6}"#,
             category: "how_to", sentiment: "neutral", confidence: 0.6, sentimentScore: neutralMidpoint),
        Case(name: "label with a hyphen and capitals",
             answer: #"{"category": "How-To", "sentiment": "NEUTRAL", "priority": "Low"}"#,
             category: "how_to", sentiment: "neutral", confidence: 0.5, sentimentScore: neutralMidpoint, priority: "low"),
        Case(name: "booleans and numbers as strings",
             answer: #"{"category": "account_deletion", "confidence": "0.8", "sentiment": "frustrated", "sentiment_score": "-0.5", "churn_risk": "yes"}"#,
             category: "account_deletion", sentiment: "frustrated", confidence: 0.8, sentimentScore: -0.5, churn: true),
        Case(name: "confidence as a percentage number",
             answer: #"{"category": "data_loss", "confidence": 85, "sentiment": "frustrated", "sentiment_score": -0.6}"#,
             category: "data_loss", sentiment: "frustrated", confidence: 0.85, sentimentScore: -0.6),
        Case(name: "confidence as a percentage string",
             answer: #"{"category": "security", "confidence": "90%", "sentiment": "angry", "sentiment_score": -0.9, "churn_risk": "TRUE"}"#,
             category: "security", sentiment: "angry", confidence: 0.9, sentimentScore: -0.9, churn: true),
        Case(name: "keys in other cases and camelCase",
             answer: #"{"Category": "legal_privacy", "Confidence": 0.95, "Sentiment": "neutral", "sentimentScore": 0.0, "ChurnRisk": false, "Priority": "high"}"#,
             category: "legal_privacy", sentiment: "neutral", confidence: 0.95, sentimentScore: 0, priority: "high"),
        Case(name: "tiny model repeats the JSON",
             answer: "{\"category\": \"billing\", \"sentiment\": \"neutral\", \"confidence\": 0.6}\n{\"category\": \"billing\", \"sentiment\": \"neutral\", \"confidence\": 0.6}\n{\"category\": \"billing\",",
             category: "billing", sentiment: "neutral", confidence: 0.6, sentimentScore: neutralMidpoint),
        Case(name: "JSON followed by chatter with braces",
             answer: "{\"category\": \"security\", \"sentiment\": \"angry\", \"churn_risk\": true, \"confidence\": 0.9} I hope this helps! {Note: the customer seems upset}",
             category: "security", sentiment: "angry", confidence: 0.9, sentimentScore: angryMidpoint, churn: true),
        Case(name: "placeholder braces in prose before the answer",
             answer: "I will fill in {category} and {sentiment}:\n{\"category\": \"general\", \"sentiment\": \"positive\", \"sentiment_score\": 0.8}",
             category: "general", sentiment: "positive", confidence: 0.5, sentimentScore: 0.8),
        Case(name: "reasoning model's think block holds a draft answer",
             answer: "<think>Could be {\"category\": \"how_to\"}... no, they were charged twice.</think>\n{\"category\": \"billing\", \"sentiment\": \"frustrated\", \"confidence\": 0.9}",
             category: "billing", sentiment: "frustrated", confidence: 0.9, sentimentScore: frustratedMidpoint),
        Case(name: "answer wrapped in an object",
             answer: #"{"classification": {"category": "feature_request", "sentiment": "positive", "confidence": 0.7}}"#,
             category: "feature_request", sentiment: "positive", confidence: 0.7, sentimentScore: 0.65),
        Case(name: "sentiment missing, taken from the score",
             answer: #"{"category": "billing", "confidence": 0.8, "sentiment_score": -0.8}"#,
             category: "billing", sentiment: "angry", confidence: 0.8, sentimentScore: -0.8),
        Case(name: "escapes in the reason and an unquoted label",
             answer: #"{category: how_to, sentiment: neutral, reason: "customer\u2019s \"export\" question", confidence: .6}"#,
             category: "how_to", sentiment: "neutral", confidence: 0.6, sentimentScore: neutralMidpoint),
        Case(name: "stage 2 changed as a string",
             answer: #"{"category": "billing", "sentiment": "neutral", "confidence": 0.7, "changed": "true"}"#,
             category: "billing", sentiment: "neutral", confidence: 0.7, sentimentScore: neutralMidpoint, changed: true),
        Case(name: "two labels joined by a slash are not a taxonomy label",
             answer: #"{"category": "Billing/Payments", "sentiment": "neutral", "confidence": 0.9}"#,
             category: "Billing/Payments", sentiment: "neutral", confidence: 0, sentimentScore: neutralMidpoint, valid: false),
        Case(name: "a label the taxonomy does not have",
             answer: #"{"category": "refund", "sentiment": "frustrated", "confidence": 0.9}"#,
             category: "refund", sentiment: "frustrated", confidence: 0, sentimentScore: frustratedMidpoint, valid: false),
        Case(name: "a sentiment the taxonomy does not have",
             answer: #"{"category": "billing", "sentiment": "furious", "confidence": 0.9}"#,
             category: "billing", sentiment: "furious", confidence: 0, sentimentScore: 0, valid: false),
        Case(name: "empty answer",
             answer: "  \n", category: "(invalid)", sentiment: "(invalid)", confidence: 0, sentimentScore: 0, valid: false),
        Case(name: "answer cut off mid-object",
             answer: #"{"category": "billing", "confidence": 0.9, "reas"#,
             category: "(invalid)", sentiment: "(invalid)", confidence: 0, sentimentScore: 0, valid: false),
        Case(name: "a bare label instead of JSON",
             answer: "billing", category: "(invalid)", sentiment: "(invalid)", confidence: 0, sentimentScore: 0, valid: false),
        Case(name: "JSON without a category",
             answer: #"{"sentiment": "neutral", "reason": "unclear"}"#,
             category: "(invalid)", sentiment: "neutral", confidence: 0, sentimentScore: neutralMidpoint, valid: false),
        Case(name: "churn that is neither true nor false",
             answer: #"{"category": "billing", "sentiment": "neutral", "churn_risk": "maybe"}"#,
             category: "billing", sentiment: "neutral", confidence: 0, sentimentScore: neutralMidpoint, valid: false),
    ]

    @Test(arguments: cases)
    func parses(_ expected: Case) {
        let output = Self.parser.parse(expected.answer)
        let labels = output.classification
        #expect(labels.category == expected.category)
        #expect(labels.sentiment == expected.sentiment)
        #expect(abs(labels.confidence - expected.confidence) < 1e-9, "confidence \(labels.confidence)")
        #expect(abs(labels.sentimentScore - expected.sentimentScore) < 1e-9, "sentiment_score \(labels.sentimentScore)")
        #expect(labels.churnRisk == expected.churn)
        #expect(labels.suggestedPriority == expected.priority)
        #expect(output.changed == expected.changed)
        #expect(output.isValid == expected.valid, "problems: \(output.problems)")
        #expect(labels.signals == (expected.valid ? [] : [ModelOutputParser.invalidSignal]))
    }

    @Test func invalidReasonNamesTheProblem() {
        let output = Self.parser.parse(#"{"category": "Billing/Payments", "sentiment": "neutral", "reason": "payment issue"}"#)
        #expect(output.classification.reason == #"invalid_output: category "Billing/Payments" is not one of the taxonomy's categories; model's reason: payment issue"#)
        #expect(Self.parser.parse("").classification.reason == "invalid_output: the answer is empty")
        #expect(Self.parser.parse(#"{"category": "billing""#).classification.reason
                == "invalid_output: the JSON object is not closed (answer cut off?)")
        #expect(Self.parser.parse("I think it's billing.").classification.reason == "invalid_output: no JSON object in the answer")
    }

    @Test func keepsTheModelsReason() {
        let output = Self.parser.parse(#"{"category": "billing", "sentiment": "neutral", "reason": "Refund for a double charge"}"#)
        #expect(output.classification.reason == "Refund for a double charge")
    }
}

/// Arbitrary JSON-ish noise never crashes the parser and never yields a valid answer by accident unless the
/// text really holds one.
@Suite("Model output parser robustness")
struct ModelOutputParserRobustnessTests {
    @Test func noiseNeverCrashes() {
        let alphabet = Array(#"{}[]"':,\ \n-.0123456789truefalsnbillgcategory_/%<>think"#)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        let parser = ModelOutputParser(taxonomy: Fixtures.policy.taxonomy)
        for _ in 0..<3_000 {
            let length = next() % 200
            let text = String((0..<length).map { _ in alphabet[next() % alphabet.count] })
            let output = parser.parse(text)
            if output.isValid {
                #expect(Fixtures.policy.taxonomy.categoryNames.contains(output.classification.category), "\(text)")
            } else {
                #expect(output.classification.confidence == 0)
                #expect(output.classification.signals == [ModelOutputParser.invalidSignal])
            }
        }
    }

    @Test func deepNestingIsRejectedNotRecursedForever() {
        let text = String(repeating: "[", count: 10_000) + #"{"category": "billing", "sentiment": "neutral"}"#
        #expect(ModelOutputParser(taxonomy: Fixtures.policy.taxonomy).parse(text).classification.category == "billing")
        let nested = String(repeating: "{\"a\": ", count: 5_000) + "1" + String(repeating: "}", count: 5_000)
        #expect(ModelOutputParser(taxonomy: Fixtures.policy.taxonomy).parse(nested).isValid == false)
    }
}
