import Foundation

/// How to reach a deployed triage service (`provider: http`): the URL, headers, the body template and where
/// the labels and reply sit in its JSON answer.
///
/// The defaults fit a service that links TriageEngine and answers with ``Decision/json``: only `url:` is needed.
public struct HTTPTargetConfig: Sendable, Equatable {
    /// The keys of `response:`.
    public static let responseKeys = ["category", "escalate", "team", "priority", "reply", "sentiment", "churn_risk", "tier"]
    /// The answer paths that must be present in every answer (`team` may be missing or null: not escalated;
    /// `sentiment`, `churn_risk` and `tier` are read when present).
    public static let requiredKeys = ["category", "escalate", "priority", "reply"]
    /// The paths into a ``Decision/json`` answer.
    public static let defaultPaths: [String: String] = [
        "category": "$.stage2.category | $.stage1.category",
        "escalate": "$.escalate",
        "team": "$.team",
        "priority": "$.priority",
        "reply": "$.reply.text",
        "sentiment": "$.stage2.sentiment | $.stage1.sentiment",
        "churn_risk": "$.stage2.churnRisk | $.stage1.churnRisk",
        "tier": "$.tier",
    ]

    /// Where each scenario is posted.
    public var url: URL
    /// Header values by name; `${VAR}` in a value is read from the environment at run time, never stored.
    public var headers: [String: String]
    /// The request body.
    public var body: RequestBodyTemplate
    /// Where each response key sits in the answer (the defaults where not configured).
    public var response: [String: AnswerPath]

    /// Creates a target configuration; `response` overrides the default paths key by key.
    public init(url: URL, headers: [String: String] = [:], body: RequestBodyTemplate? = nil, response: [String: AnswerPath] = [:]) {
        self.url = url
        self.headers = headers
        self.body = body ?? (try! RequestBodyTemplate(RequestBodyTemplate.defaultText))
        var paths = response
        for (key, text) in Self.defaultPaths where paths[key] == nil { paths[key] = try! AnswerPath(text) }
        self.response = paths
    }

    /// The environment variables the header values name (`${VAR}`), in order of first use.
    public var headerVariables: [String] {
        var names: [String] = []
        for name in headers.keys.sorted() {
            for variable in Self.variables(in: headers[name]!) where !names.contains(variable) { names.append(variable) }
        }
        return names
    }

    /// The `${VAR}` names in a header value; none when it is malformed (the loader rejects those).
    public static func variables(in value: String) -> [String] {
        (try? parseVariables(value)) ?? []
    }

    /// The `${VAR}` names in a header value.
    /// - Throws: ``HTTPTargetConfigError`` for an unclosed `${` or an invalid name.
    public static func parseVariables(_ value: String) throws(HTTPTargetConfigError) -> [String] {
        var names: [String] = []
        var rest = value[...]
        while let open = rest.range(of: "${") {
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else {
                throw HTTPTargetConfigError("unclosed \"${\" in header value; expected ${VARIABLE}")
            }
            let name = String(rest[open.upperBound..<close])
            guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && CharacterSet.letters.contains(first)),
                  name.unicodeScalars.allSatisfy({ $0 == "_" || ($0.isASCII && CharacterSet.alphanumerics.contains($0)) }) else {
                throw HTTPTargetConfigError("invalid environment variable name \"\(name)\" in header value; expected ${VARIABLE} (letters, digits, _)")
            }
            names.append(name)
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    /// The headers with every `${VAR}` replaced from `environment`.
    /// - Throws: ``PipelineSetupError`` naming the first variable that is not set.
    public func resolvedHeaders(model: String, environment: [String: String]) throws -> [String: String] {
        var resolved: [String: String] = [:]
        for (name, value) in headers {
            var text = value
            for variable in Self.variables(in: value) {
                guard let secret = environment[variable], !secret.isEmpty else {
                    throw PipelineSetupError("model \"\(model)\" needs the environment variable \(variable) (named in its header \(name)); it is not set")
                }
                text = text.replacingOccurrences(of: "${\(variable)}", with: secret)
            }
            resolved[name] = text
        }
        return resolved
    }

    /// The secrets a resolved header carries: every variable's value, to redact wherever text is stored or printed.
    public func secrets(environment: [String: String]) -> [String] {
        headerVariables.compactMap { environment[$0] }.filter { !$0.isEmpty }
    }
}
