/// A scenario by suite and id (all its repeats): what `--failed-from` selects.
public struct ScenarioKey: Hashable, Sendable {
    /// Suite name.
    public var suite: String
    /// Scenario id.
    public var scenarioID: String

    /// Creates a key.
    public init(suite: String, scenarioID: String) {
        self.suite = suite
        self.scenarioID = scenarioID
    }
}
