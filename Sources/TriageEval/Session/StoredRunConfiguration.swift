import Foundation
import TriageEngine

/// What a run was started with, stored with it so `triage-eval resume` can continue it with the same
/// files, models and settings. The suite files themselves are the run's `suite` sources.
public struct StoredRunConfiguration: Sendable, Codable, Equatable {
    /// The working directory relative paths were given in.
    public var directory: String
    /// The rules directory.
    public var rules: String
    /// The prompts directory.
    public var prompts: String
    /// The extra models file, when one was given.
    public var modelsFile: String?
    /// The model under test; nil for the built-in engine.
    public var model: String?
    /// The judge model.
    public var judge: String?
    /// The embedding model.
    public var embedding: String?
    /// Cache use: `read-write`, `bypass` or `replay`.
    public var cache: String
    /// Whether a model run drafts replies with the model.
    public var modelReplies: Bool
    /// Scenarios in flight at once.
    public var concurrency: Int
    /// Runs per scenario.
    public var repeats: Int
    /// The share of errored scenarios above which the run exits 3, when one was given.
    public var maxErrorRate: Double?

    /// Creates a configuration; `directory` defaults to the current working directory.
    public init(directory: String = FileManager.default.currentDirectoryPath, rules: String, prompts: String, modelsFile: String? = nil,
                options: EngineOptions, concurrency: Int, repeats: Int, maxErrorRate: Double? = nil) {
        self.directory = directory
        self.rules = rules
        self.prompts = prompts
        self.modelsFile = modelsFile
        self.model = options.model
        self.judge = options.judge
        self.embedding = options.embedding
        self.cache = Self.name(of: options.cacheMode)
        self.modelReplies = options.modelReplies
        self.concurrency = concurrency
        self.repeats = repeats
        self.maxErrorRate = maxErrorRate
    }

    /// The engine options this configuration describes (with the default retry policy).
    public var options: EngineOptions {
        let mode: CacheMode = switch cache { case "bypass": .bypass; case "replay": .replayOnly; default: .readWrite }
        var options = EngineOptions(model: model, judge: judge, embedding: embedding, cacheMode: mode)
        options.modelReplies = modelReplies
        return options
    }

    /// The run configuration this describes, for deciding a resumed run's verdict as the first run's.
    public var runConfiguration: RunConfiguration {
        var configuration = RunConfiguration(rules: resolve(rules), prompts: resolve(prompts), modelsFile: modelsFile.map(resolve), engine: options)
        configuration.concurrency = concurrency
        configuration.repeats = repeats
        configuration.maxErrorRate = maxErrorRate
        return configuration
    }

    /// A stored path as it can be opened from any working directory.
    public func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? path : directory + "/" + path
    }

    static func name(of mode: CacheMode) -> String {
        switch mode {
        case .readWrite: "read-write"
        case .bypass: "bypass"
        case .replayOnly: "replay"
        }
    }

    enum CodingKeys: String, CodingKey {
        case directory, rules, prompts, modelsFile = "models_file", model, judge, embedding, cache, modelReplies = "model_replies"
        case concurrency, repeats, maxErrorRate = "max_error_rate"
    }
}
