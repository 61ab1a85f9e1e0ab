extension DriftReport {
    /// The suites `drift` reports on when none is named: every suite with a baseline, or else those of the newest run.
    public static func defaultSuites(in store: any RunStore) throws -> [String] {
        let baselined = try store.baselines().map(\.suite)
        if !baselined.isEmpty { return baselined }
        return try store.run(RunReference.latest)?.suites ?? []
    }
}
