import TriageEval

/// What the runs list shows: runs that include a suite, ran a model (or a classifier), ended with a status.
public struct RunFilter: Sendable, Equatable {
    /// A suite name the run must include, matched exactly.
    public var suite: String?
    /// The model configuration name, or the classifier name of runs without a model, matched exactly.
    public var model: String?
    /// `running`, `completed` or `interrupted`.
    public var status: String?

    /// Creates a filter; nil fields match every run.
    public init(suite: String? = nil, model: String? = nil, status: String? = nil) {
        self.suite = suite
        self.model = model
        self.status = status
    }

    /// Whether nothing is filtered.
    public var isEmpty: Bool { suite == nil && model == nil && status == nil }

    /// Whether a run passes the filter.
    public func matches(_ run: StoredRun) -> Bool {
        (suite.map { run.suites.contains($0) } ?? true)
            && (model.map { Self.model(of: run) == $0 } ?? true)
            && (status.map { run.status.rawValue == $0 } ?? true)
    }

    /// What the list calls a run's model: its model configuration, or its classifier when it used none.
    public static func model(of run: StoredRun) -> String {
        run.engine.model ?? run.engine.classifier
    }
}
