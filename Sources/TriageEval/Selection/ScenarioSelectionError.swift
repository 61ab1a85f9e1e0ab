/// Why a selection of scenarios cannot run (exit status 2): a bad flag value, an unknown run, or nothing selected.
/// A struct around a private code so cases can be added without breaking callers; every wording is here.
public struct ScenarioSelectionError: Error, CustomStringConvertible, Sendable, Equatable {
    private enum Code: Sendable, Equatable {
        case badCount(flag: String, value: Int)
        case seedWithoutSample
        case badPattern(pattern: String, problem: String)
        case noSuchRun(reference: String, store: String)
        case noFailures(run: Int64, reference: String)
        case noMatch(flags: String, scenarios: Int, suites: Int)
    }

    private let code: Code

    /// A count flag (`--limit`, `--sample`) below 1.
    public static func badCount(_ flag: String, _ value: Int) -> Self { Self(code: .badCount(flag: flag, value: value)) }
    /// `--seed` without `--sample`.
    public static let seedWithoutSample = Self(code: .seedWithoutSample)
    /// A `--filter` glob that does not parse.
    public static func badPattern(_ pattern: String, _ problem: String) -> Self { Self(code: .badPattern(pattern: pattern, problem: problem)) }
    /// `--failed-from` names a run the store does not have.
    public static func noSuchRun(_ reference: String, store: String) -> Self { Self(code: .noSuchRun(reference: reference, store: store)) }
    /// `--failed-from` names a run where nothing failed or errored.
    public static func noFailures(run: Int64, reference: String) -> Self { Self(code: .noFailures(run: run, reference: reference)) }
    /// The flags together select no scenario.
    public static func noMatch(_ flags: String, scenarios: Int, suites: Int) -> Self {
        Self(code: .noMatch(flags: flags, scenarios: scenarios, suites: suites))
    }

    /// The message, without the `triage-eval: ` prefix.
    public var description: String {
        switch code {
        case .badCount(let flag, let value): return "\(flag) must be at least 1, got \(value)"
        case .seedWithoutSample: return "--seed needs --sample (it seeds the sample's draw)"
        case .badPattern(let pattern, let problem): return "--filter '\(pattern)': \(problem)"
        case .noSuchRun(let reference, let store): return "--failed-from \(reference): no such run in \(store)"
        case .noFailures(let run, let reference):
            return "no scenario matches --failed-from \(reference): run #\(run) has no failed or errored scenario"
        case .noMatch(let flags, let scenarios, let suites):
            return "no scenario matches \(flags) (\(scenarios) scenario\(scenarios == 1 ? "" : "s") in \(suites) suite\(suites == 1 ? "" : "s"))"
        }
    }
}
