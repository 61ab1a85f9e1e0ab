import TriageEngine

/// A scenario suite loaded from one YAML file.
public struct Suite: Sendable, Equatable {
    /// The suite name.
    public var name: String
    /// What it covers.
    public var description: String
    /// Gates checked after a run.
    public var gates: GateSet
    /// The scenarios in file order.
    public var scenarios: [Scenario]

    /// The file, with its content hash.
    public var source: SourceFile
    /// Models declared in the suite's own `models:` block.
    public var models: [ModelConfig] = []
}
