import Foundation

/// The part of a model call that is the same for every provider: the response cache, timing, token
/// accounting, the call record and ``CallContext``.
struct ProviderCall: Sendable {
    /// What a provider-specific parser extracts from a response body.
    struct Parsed<Output: Sendable>: Sendable {
        var output: Output
        var inputTokens: Int
        var outputTokens: Int
    }

    /// What a provider-specific sender reports.
    struct Sent: Sendable {
        var response: HTTPResponse
        var attempts: Int
        /// The body actually sent (it may differ from the cache body after a fallback).
        var body: Data
    }

    /// What a call returns.
    struct Outcome<Output: Sendable>: Sendable {
        var output: Output
        var inputTokens: Int
        var outputTokens: Int
        var record: CallRecord
        var sentBody: Data
    }

    let config: ModelConfig
    let cache: (any ResponseCache)?
    let cacheMode: CacheMode
    let secrets: [String]

    /// Creates the shared part of a client's calls; `secrets` (the client's API key) are also registered
    /// with ``Redaction`` so every later redaction in the process removes them.
    init(config: ModelConfig, cache: (any ResponseCache)?, cacheMode: CacheMode, secrets: [String]) {
        self.config = config
        self.cache = cache
        self.cacheMode = cacheMode
        self.secrets = secrets
        Redaction.register(secrets)
    }

    /// Runs one call: answers from the cache when allowed, otherwise sends, parses, stores and records.
    /// - Parameters:
    ///   - cacheBody: the canonical request body the cache key is computed from.
    ///   - send: sends the request (with retries) and reports the response and attempts.
    ///   - parse: reads the answer and token counts from a 2xx body; throws ``ModelError/invalidOutput``.
    func run<Output: Sendable>(cacheBody: Data, send: () async throws -> Sent,
                               parse: (Data) throws -> Parsed<Output>) async throws -> Outcome<Output> {
        let purpose = CallContext.purpose
        let log = CallContext.log
        let key = ResponseCacheKey.make(provider: config.provider.rawValue, baseURL: config.resolvedBaseURL.absoluteString,
                                        model: config.model, body: cacheBody, salt: CallContext.cacheSalt)
        log?.recordRequest(hash: key, body: Redaction.redact(String(decoding: cacheBody, as: UTF8.self), secrets: secrets, shapes: false))
        func record(status: Int?, attempts: Int, latencyMs: Double, inputTokens: Int, outputTokens: Int,
                    error: ModelError?, cached: Bool) -> CallRecord {
            let record = CallRecord(
                provider: config.provider.rawValue, model: config.model, purpose: purpose, status: status, attempts: attempts,
                latencyMs: latencyMs, inputTokens: inputTokens, outputTokens: outputTokens,
                costUSD: error == nil ? config.cost(inputTokens: inputTokens, outputTokens: outputTokens) : 0,
                errorClass: error?.errorClass, cached: cached, requestHash: key)
            log?.append(record)
            return record
        }

        if let cache, cacheMode != .bypass {
            if let hit = try await cache.lookup(key: key) {
                let parsed: Parsed<Output>
                do {
                    parsed = try parse(Redaction.redact(json: hit.body, secrets: secrets))
                } catch let error as ModelError {
                    _ = record(status: hit.status, attempts: 0, latencyMs: hit.latencyMs, inputTokens: 0, outputTokens: 0,
                               error: error, cached: true)
                    throw error
                }
                let entry = record(status: hit.status, attempts: 0, latencyMs: hit.latencyMs, inputTokens: hit.inputTokens,
                                   outputTokens: hit.outputTokens, error: nil, cached: true)
                return Outcome(output: parsed.output, inputTokens: hit.inputTokens, outputTokens: hit.outputTokens,
                               record: entry, sentBody: cacheBody)
            }
            if cacheMode == .replayOnly {
                let error = ModelError(.replayMiss, attempts: 0, detail:
                    "no cached response for \(config.provider) \(config.model); the cache mode is replay only")
                _ = record(status: nil, attempts: 0, latencyMs: 0, inputTokens: 0, outputTokens: 0, error: error, cached: false)
                throw error
            }
        } else if cacheMode == .replayOnly {
            let error = ModelError(.replayMiss, attempts: 0, detail:
                "no cached response for \(config.provider) \(config.model); the cache mode is replay only and no cache is configured")
            _ = record(status: nil, attempts: 0, latencyMs: 0, inputTokens: 0, outputTokens: 0, error: error, cached: false)
            throw error
        }

        let clock = ContinuousClock()
        let start = clock.now
        func elapsedMs() -> Double { RetryPolicy.seconds(clock.now - start) * 1000 }
        let observer = CallContext.observer
        observer?.callStarted()
        let sent: Sent
        do {
            defer { observer?.callEnded() }
            sent = try await send()
        } catch let error as ModelError {
            _ = record(status: error.status, attempts: error.attempts, latencyMs: elapsedMs(), inputTokens: 0, outputTokens: 0,
                       error: error, cached: false)
            throw error
        }
        let latency = elapsedMs()
        // A provider may echo the key back in a 200 answer: it is removed before the answer is read, cached or
        // stored, so neither the cache row nor the decision built from the answer carries it.
        let body = Redaction.redact(json: sent.response.body, secrets: secrets)
        let parsed: Parsed<Output>
        do {
            parsed = try parse(body)
        } catch let error as ModelError {
            let final = ModelError(error, status: sent.response.status, attempts: sent.attempts, detail: error.detail, redacting: secrets)
            _ = record(status: sent.response.status, attempts: sent.attempts, latencyMs: latency, inputTokens: 0, outputTokens: 0,
                       error: final, cached: false)
            throw final
        }
        if let cache, cacheMode == .readWrite {
            try await cache.store(key: key, response: CachedResponse(
                body: body, status: sent.response.status, latencyMs: latency,
                inputTokens: parsed.inputTokens, outputTokens: parsed.outputTokens))
        }
        let entry = record(status: sent.response.status, attempts: sent.attempts, latencyMs: latency,
                           inputTokens: parsed.inputTokens, outputTokens: parsed.outputTokens, error: nil, cached: false)
        return Outcome(output: parsed.output, inputTokens: parsed.inputTokens, outputTokens: parsed.outputTokens,
                       record: entry, sentBody: sent.body)
    }

    /// Tokens estimated as characters / 4, for providers that do not report usage.
    static func estimateTokens(_ text: String) -> Int { (text.count + 3) / 4 }

    /// The `transport` error for a 2xx body that is not complete JSON (it was cut off or garbled on the way,
    /// which is not the model's answer being wrong), quoting the start of the body.
    static func incompleteBody(_ body: Data, secrets: [String]) -> ModelError {
        let text = Redaction.redact(String(decoding: body, as: UTF8.self), secrets: secrets)
        let excerpt = RetryingTransport<ContinuousClock>.excerpt(text)
        let what = "the body is not complete JSON (\(body.count) bytes; cut off or garbled on the way)"
        return ModelError(.transport, detail: excerpt.isEmpty ? what : "\(what): \(excerpt)")
    }

    /// An `invalid_output` error quoting the start of the body.
    static func invalidOutput(_ what: String, body: Data, secrets: [String]) -> ModelError {
        let text = Redaction.redact(String(decoding: body, as: UTF8.self), secrets: secrets)
        let excerpt = RetryingTransport<ContinuousClock>.excerpt(text)
        return ModelError(.invalidOutput, detail: excerpt.isEmpty ? what : "\(what): \(excerpt)")
    }
}
