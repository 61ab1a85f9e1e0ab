import Foundation

/// The models a team can run against, loaded from a models file (`models:` list) or a suite's `models:` block.
///
/// ```yaml
/// models:
///   - name: gpt-4o-mini
///     provider: openai            # openai (any OpenAI-compatible server) | anthropic | builtin
///     base_url: https://api.openai.com/v1
///     model: gpt-4o-mini
///     temperature: 0
///     max_tokens: 400
///     timeout_seconds: 30
///     price_per_million: {input: 0.15, output: 0.60}
///     api_key_env: OPENAI_API_KEY  # the key itself is never written anywhere
/// ```
public struct ModelCatalog: Sendable, Equatable {
    /// The models by name, in file order.
    public var models: [ModelConfig]
    /// The files they came from.
    public var sources: [SourceFile]

    /// Creates a catalog.
    public init(models: [ModelConfig] = [], sources: [SourceFile] = []) {
        self.models = models
        self.sources = sources
    }

    /// The providers a model entry may name.
    public static let providers = ModelProvider.allCases.map(\.rawValue)
    /// The keys a model entry accepts.
    public static let keys = ["name", "provider", "base_url", "model", "temperature", "max_tokens", "timeout_seconds", "price_per_million",
                              "api_key_env", "structured_output", "url", "headers", "body", "response"]
    /// The keys only `provider: http` takes.
    public static let httpKeys = ["url", "headers", "body", "response"]

    /// The model with this name.
    public func model(named name: String) -> ModelConfig? { models.first { $0.name == name } }

    /// Model names in order.
    public var names: [String] { models.map(\.name) }

    /// Loads a models file (a mapping with a `models:` list).
    public static func load(file: YAMLFile) throws -> ModelCatalog {
        let root = try file.root().mapping(allowed: ["models"], what: "a models file")
        var catalog = ModelCatalog(sources: [SourceFile(kind: "models", path: file.path, sha256: file.sha256)])
        try catalog.add(root.require("models"))
        return catalog
    }

    /// Adds the entries of a `models:` list node, checking each.
    public mutating func add(_ node: YAMLNode) throws {
        for item in try node.sequence(what: "models") {
            let entry = try item.mapping(allowed: Self.keys, what: "a model")
            let nameNode = try entry.require("name")
            let name = try nameNode.string(what: "model name")
            if models.contains(where: { $0.name == name }) { throw nameNode.error("duplicate model name \"\(name)\"") }
            let providerNode = try entry.require("provider")
            let provider = ModelProvider(rawValue: try providerNode.oneOf(Self.providers, what: "provider"))!
            if provider != .http, let extra = entry.entries.first(where: { Self.httpKeys.contains($0.key) }) {
                throw extra.keyNode.error("key \"\(extra.key)\" is only for provider: http; model \"\(name)\" has provider \(provider)")
            }
            let http = provider == .http ? try Self.httpTarget(entry) : nil
            var baseURL: URL?
            if let urlNode = entry["base_url"] {
                let text = try urlNode.string(what: "base_url")
                guard let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme.lowercased()), url.host != nil else {
                    throw urlNode.error("invalid base_url \"\(text)\"; expected an http or https URL such as http://127.0.0.1:8088/v1")
                }
                baseURL = url
            }
            var input = 0.0
            var output = 0.0
            if let prices = entry["price_per_million"] {
                let map = try prices.mapping(allowed: ["input", "output"], what: "prices")
                input = try map["input"]?.double(what: "input price", in: 0...100_000) ?? 0
                output = try map["output"]?.double(what: "output price", in: 0...100_000) ?? 0
            }
            let keyEnv = try entry["api_key_env"]?.string(what: "api_key_env")
            if let keyEnv, keyEnv.hasPrefix("sk-") || keyEnv.count > 64 {
                throw try entry.require("api_key_env").error("api_key_env names an environment variable (such as OPENAI_API_KEY), not the key itself")
            }
            let timeout = try entry["timeout_seconds"]?.double(what: "timeout_seconds", in: 0.1...3600) ?? 60
            var structured: Bool?
            var style = "json_schema"
            if let node = entry["structured_output"] {
                if let flag = try? node.bool(what: "structured_output") {
                    structured = flag
                } else {
                    style = try node.oneOf(["json_schema", "json_object", "none", "true", "false"], what: "structured_output")
                    structured = style != "none"
                    if style == "none" { style = "json_schema" }
                }
            }
            var config = ModelConfig(
                name: name, provider: provider, baseURL: baseURL,
                model: try entry["model"]?.string(what: "model id") ?? (provider == .builtin ? "lexical" : provider == .http ? name
                    : try entry.require("model").string(what: "model id")),
                temperature: try entry["temperature"]?.double(what: "temperature", in: 0...2),
                maxTokens: try entry["max_tokens"]?.int(what: "max_tokens", minimum: 1),
                timeout: .milliseconds(Int64(timeout * 1000)),
                inputPricePerMillion: input, outputPricePerMillion: output, apiKeyEnv: keyEnv,
                structuredOutput: structured)
            config.structuredOutputStyle = style
            config.http = http
            config.providerPosition = SourcePosition(providerNode)
            models.append(config)
        }
    }
}

extension ModelCatalog {
    /// Reads the `url`, `headers`, `body` and `response` of a `provider: http` entry.
    static func httpTarget(_ entry: YAMLMapping) throws -> HTTPTargetConfig {
        guard let urlNode = entry["url"] else {
            throw entry.node.error("missing key \"url\" in a model with provider: http; expected the service's address, such as https://staging.example.com/triage")
        }
        let text = try urlNode.string(what: "url")
        guard let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme.lowercased()), url.host != nil else {
            throw urlNode.error("invalid url \"\(text)\"; expected an http or https URL such as https://staging.example.com/triage")
        }
        var headers: [String: String] = [:]
        if let node = entry["headers"] {
            let map = try node.mapping(allowed: [], what: "headers")
            for item in map.entries {
                let value = try item.value.string(what: "header \(item.key)")
                do {
                    _ = try HTTPTargetConfig.parseVariables(value)
                } catch {
                    throw item.value.error(error.description)
                }
                headers[item.key] = value
            }
        }
        var body: RequestBodyTemplate?
        if let node = entry["body"] {
            do {
                body = try RequestBodyTemplate(try node.string(what: "body"))
            } catch let error as HTTPTargetConfigError {
                throw node.error(error.description)
            }
        }
        var response: [String: AnswerPath] = [:]
        if let node = entry["response"] {
            let map = try node.mapping(allowed: HTTPTargetConfig.responseKeys, what: "response")
            for item in map.entries {
                let text = try item.value.string(what: "path of \(item.key)")
                do {
                    response[item.key] = try AnswerPath(text)
                } catch {
                    throw item.value.error(error.description)
                }
            }
        }
        return HTTPTargetConfig(url: url, headers: headers, body: body, response: response)
    }
}

extension ModelConfig {
    /// A canonical description of everything that changes the model's answers or cost (never the key),
    /// whose SHA-256 identifies the configuration in stored runs.
    public var canonicalDescription: String {
        var writer = JSONWriter()
        writer.object { w in
            w.field("name", name)
            w.field("provider", provider.rawValue)
            w.field("base_url", resolvedBaseURL.absoluteString)
            w.field("model", model)
            w.field("temperature", temperature)
            w.field("max_tokens", maxTokens.map(Double.init))
            w.field("timeout_ms", Double(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000))
            w.field("input_price", inputPricePerMillion)
            w.field("output_price", outputPricePerMillion)
            w.field("structured_output", structuredOutput ? structuredOutputStyle : "none")
            if let http {
                // Header names only: their values may carry secrets.
                w.field("headers", http.headers.keys.sorted())
                w.field("body", http.body.text)
                w.key("response")
                w.object { r in for key in http.response.keys.sorted() { r.field(key, http.response[key]!.text) } }
            }
        }
        return writer.string
    }

    /// SHA-256 of ``canonicalDescription``.
    public var configurationHash: String { SHA256.hex(canonicalDescription) }
}
