import Foundation

/// Triages tickets by posting them to a deployed service (`provider: http`) and reading its JSON answer
/// into a ``Decision``: the client a service-to-service caller of a triage deployment needs, and what the
/// harness evaluates a staging deployment with.
///
/// Calls go through the shared transport (timeouts, retries), the response cache (keyed by the rendered
/// body, never the headers) and ``CallContext`` recording like model calls. An answer that is not JSON,
/// lacks a required path or names a label outside the taxonomy throws ``ModelError/httpAnswer``.
public struct HTTPTargetClient: Sendable {
    /// The target's configuration.
    public let config: ModelConfig
    private let target: HTTPTargetConfig
    private let taxonomy: Taxonomy
    private let transport: any HTTPTransport
    private let headers: [String: String]
    private let call: ProviderCall
    private let secrets: [String]

    /// Creates a client.
    /// - Parameters:
    ///   - config: a model configuration with ``ModelConfig/http`` set.
    ///   - taxonomy: the labels an answer may use.
    ///   - transport: usually a ``RetryingTransport``.
    ///   - headers: the resolved headers (``HTTPTargetConfig/resolvedHeaders(model:environment:)``).
    ///   - secrets: the values from the environment inside `headers`, redacted everywhere.
    ///   - cache: the response cache, if any.
    ///   - cacheMode: how the cache is used.
    public init(config: ModelConfig, taxonomy: Taxonomy, transport: any HTTPTransport, headers: [String: String] = [:], secrets: [String] = [],
                cache: (any ResponseCache)? = nil, cacheMode: CacheMode = .readWrite) {
        self.config = config
        self.target = config.http ?? HTTPTargetConfig(url: config.resolvedBaseURL)
        self.taxonomy = taxonomy
        self.transport = transport
        self.headers = headers
        let all = secrets + HTTPRequest(url: target.url, headers: headers).secrets
        self.secrets = all
        self.call = ProviderCall(config: config, cache: cache, cacheMode: cacheMode, secrets: all)
    }

    /// Posts the ticket and maps the answer to a decision.
    /// - Throws: ``ModelError`` (`http_answer` for an answer that cannot be read; transport classes otherwise).
    public func decide(_ ticket: Ticket) async throws -> Decision {
        let body = target.body.render(ticket)
        var request = HTTPRequest(method: "POST", url: target.url, headers: ["Content-Type": "application/json", "Accept": "application/json"],
                                  body: body, timeout: config.timeout, expectsJSON: false)
        for (name, value) in headers { request.headers[name] = value }
        let outcome = try await CallContext.$purpose.withValue("http") {
            try await call.run(cacheBody: body, send: {
                let (response, attempts) = try await transport.sendWithAttempts(request)
                return ProviderCall.Sent(response: response, attempts: attempts, body: body)
            }, parse: { data in
                ProviderCall.Parsed(output: try decision(from: data), inputTokens: 0, outputTokens: 0)
            })
        }
        return outcome.output
    }

    /// Reads a decision from an answer body.
    /// - Throws: ``ModelError/httpAnswer`` naming the path or label at fault.
    public func decision(from data: Data) throws -> Decision {
        guard let json = JSONValue.parse(data) else { throw ProviderCall.answerError("the answer is not JSON", body: data, secrets: secrets) }
        func value(_ key: String) throws -> JSONValue? {
            let path = target.response[key]!
            let found = path.resolve(in: json)
            if found == nil, HTTPTargetConfig.requiredKeys.contains(key) {
                throw ProviderCall.answerError("the answer has no \(key) at \(path)", body: data, secrets: secrets)
            }
            return found
        }
        func label(_ key: String, among allowed: [String]) throws -> String? {
            guard let found = try value(key) else { return nil }
            guard let text = found.stringValue else {
                throw ProviderCall.answerError("the answer's \(key) at \(target.response[key]!) is not text", body: data, secrets: secrets)
            }
            guard allowed.contains(text) else {
                throw ProviderCall.answerError("the answer's \(key) \"\(text)\" at \(target.response[key]!) is not in the taxonomy; expected one of: "
                                               + allowed.joined(separator: ", "), body: data, secrets: secrets)
            }
            return text
        }
        func flag(_ key: String) throws -> Bool? {
            guard let found = try value(key) else { return nil }
            guard case .bool(let flag) = found else {
                throw ProviderCall.answerError("the answer's \(key) at \(target.response[key]!) is not true or false", body: data, secrets: secrets)
            }
            return flag
        }
        let category = try label("category", among: taxonomy.categoryNames)!
        let escalate = try flag("escalate")!
        let priority = try label("priority", among: taxonomy.priorities)!
        let team = try label("team", among: taxonomy.teamNames)
        guard let replyText = try value("reply")?.stringValue else {
            throw ProviderCall.answerError("the answer's reply at \(target.response["reply"]!) is not text", body: data, secrets: secrets)
        }
        let sentiment = try label("sentiment", among: taxonomy.sentimentNames) ?? taxonomy.sentiment(for: 0)
        let churn = try flag("churn_risk") ?? false
        let tier = try label("tier", among: EscalationTier.allCases.map(\.rawValue)).flatMap(EscalationTier.init(rawValue:))
            ?? (escalate ? .likely : .never)
        let classification = Classification(category: category, confidence: 1, sentiment: sentiment, sentimentScore: 0, churnRisk: churn,
                                            reason: "answered by \(config.name)")
        let reply = Redaction.redact(replyText, secrets: secrets, shapes: false)
        return Decision(stage1: classification, stage2: nil, escalate: escalate, team: team, tier: tier, priority: priority,
                        slaHours: nil, inputSignals: [], reply: Reply(text: reply, parts: [reply]),
                        trace: DecisionTrace(rules: [], winner: nil, why: "decided by the service at \(target.url.absoluteString)", priorityRule: nil))
    }
}

extension ProviderCall {
    /// An `http_answer` error quoting the start of the body.
    static func answerError(_ what: String, body: Data, secrets: [String]) -> ModelError {
        let text = Redaction.redact(String(decoding: body, as: UTF8.self), secrets: secrets)
        let excerpt = RetryingTransport<ContinuousClock>.excerpt(text)
        return ModelError(.httpAnswer, detail: excerpt.isEmpty ? what : "\(what): \(excerpt)")
    }
}
