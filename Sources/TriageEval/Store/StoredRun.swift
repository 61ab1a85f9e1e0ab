import Foundation
import TriageEngine

/// A run as stored: when, with what tool, engine and files, and how it ended.
public struct StoredRun: Sendable, Codable, Equatable {
    /// How a run ended.
    public enum Status: String, Sendable, Codable {
        /// Still running (or died without a trace; see ``RunStore/markStaleRuns(host:isAlive:)``).
        case running
        /// Every scenario ran.
        case completed
        /// Stopped early (signal, crash, or a failure of the store); never counted as complete.
        case interrupted
    }

    /// The run id.
    public var id: Int64
    /// Status.
    public var status: Status
    /// Start time.
    public var startedAt: Date
    /// End time, when ended.
    public var finishedAt: Date?
    /// The tool's version.
    public var toolVersion: String
    /// The git commit of the working directory, when there is one ("-dirty" appended when it has changes).
    public var gitCommit: String?
    /// The engine configuration (classifier, drafter, model, taxonomy labels) as JSON.
    public var engine: EngineDescription
    /// The gates in force, per suite and from the command line.
    public var gates: RunGates
    /// How many scenario runs were planned (scenarios × repeats).
    public var plannedResults: Int
    /// The suites, in order.
    public var suites: [String]
    /// The files used with their SHA-256.
    public var sources: [SourceFile]
    /// The process that ran it and its host, to detect runs that died.
    public var pid: Int32
    /// Host name.
    public var host: String
    /// For a shard of a group (`run --shard K/N --group NAME`): the group and which shard; nil for a whole run.
    public var shard: GroupShard? = nil
    /// The scenario selection it ran (`--filter`, `--sample`, …); nil when it ran every scenario without one.
    public var selection: RunSelection? = nil
    /// Its process's last heartbeat while running (set at the start); nil for runs of earlier versions.
    public var heartbeatAt: Date? = nil

    /// Whether its selection left scenarios out (reports say so; `baseline set` refuses it unless forced).
    public var isPartial: Bool { selection?.isPartial ?? false }

    /// Whether a process exists on this host (the default test of ``RunStore/markStaleRuns(host:isAlive:)``).
    public static func processIsAlive(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }
}

/// What ran: the classifier, the reply drafter, the model, and the taxonomy's labels (so reports can be
/// rendered later without the rules files).
public struct EngineDescription: Sendable, Codable, Equatable {
    /// Classifier name, e.g. `builtin-lexical`.
    public var classifier: String
    /// Reply drafter, e.g. `templates`.
    public var drafter: String
    /// The model configuration name, when a model is used.
    public var model: String?
    /// SHA-256 of the model configuration, when a model is used.
    public var modelHash: String?
    /// Category names in taxonomy order.
    public var categories: [String]
    /// Extra settings (concurrency, repeats, cache mode).
    public var settings: [String: String]

    /// Creates a description.
    public init(classifier: String, drafter: String, model: String? = nil, modelHash: String? = nil, categories: [String], settings: [String: String] = [:]) {
        self.classifier = classifier
        self.drafter = drafter
        self.model = model
        self.modelHash = modelHash
        self.categories = categories
        self.settings = settings
    }
}

/// The gates of a run: each suite's own, and the command line's over the whole run.
public struct RunGates: Sendable, Codable, Equatable {
    /// Gates per suite name.
    public var suites: [String: GateSet]
    /// Gates from the command line.
    public var run: GateSet
    /// For suites gated on regressions: the baseline run each was compared with.
    public var baselines: [String: Int64] = [:]

    /// Creates run gates.
    public init(suites: [String: GateSet] = [:], run: GateSet = GateSet()) {
        self.suites = suites
        self.run = run
    }

    enum CodingKeys: String, CodingKey { case suites, run, baselines }

    /// Decodes; runs stored before baselines existed have none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        suites = try container.decode([String: GateSet].self, forKey: .suites)
        run = try container.decode(GateSet.self, forKey: .run)
        baselines = try container.decodeIfPresent([String: Int64].self, forKey: .baselines) ?? [:]
    }
}
