import Foundation

/// Which scenarios of the loaded suites a run takes (`run --filter/--tag/--failed-from/--sample/--limit`), as a
/// plain value applied in a fixed order: a scenario must pass every given criterion (`--failed-from`, then any
/// `--filter`, then any `--tag`); of those, `--sample N` keeps N drawn at random but reproducibly, and `--limit N`
/// the first N in file order. The result keeps file order.
///
/// A further criterion (a shard, say) is one more stored property, a clause in ``admits(_:failed:patterns:)``
/// and a part of ``flags``; the counting steps (`sample`, `limit`) stay last.
public struct ScenarioSelection: Sendable, Codable, Equatable {
    /// The seed of `--sample` when `--seed` is not given.
    public static let defaultSeed: UInt64 = 1

    /// `--filter` globs (any of them, see ``GlobPattern``), matched against the scenario id; one with a `/` also
    /// as `SUITE/ID`: the part before its first `/` against the suite name, the rest against the id.
    public var filters: [String]
    /// `--tag` values (any of them).
    public var tags: [String]
    /// `--limit`: the first N in file order after the other criteria.
    public var limit: Int?
    /// `--sample`: N scenarios drawn reproducibly.
    public var sample: Int?
    /// `--seed` of the sample; nil for ``defaultSeed``.
    public var seed: UInt64?
    /// `--failed-from` as given (`latest` or a run id).
    public var failedFrom: String?
    /// The run `--failed-from` named, once resolved.
    public var failedFromRun: Int64?

    /// Creates a selection; with no argument, every scenario.
    public init(filters: [String] = [], tags: [String] = [], limit: Int? = nil, sample: Int? = nil, seed: UInt64? = nil,
                failedFrom: RunReference? = nil) {
        self.filters = filters
        self.tags = tags
        self.limit = limit
        self.sample = sample
        self.seed = seed
        self.failedFrom = failedFrom?.description
    }

    /// Whether no criterion is given (every scenario runs).
    public var isEmpty: Bool { filters.isEmpty && tags.isEmpty && limit == nil && sample == nil && seed == nil && failedFrom == nil }

    /// The seed the sample is drawn with.
    public var sampleSeed: UInt64 { seed ?? Self.defaultSeed }

    /// The criteria as flags a user can type again, e.g. `--filter 'refund-*' --tag vip --sample 12 --seed 1`.
    public var flags: String {
        var parts: [String] = []
        if let failedFrom {
            parts.append("--failed-from \(failedFrom)" + (failedFromRun.map { String($0) != failedFrom ? " (run #\($0))" : "" } ?? ""))
        }
        parts += filters.map { "--filter '" + $0.replacingOccurrences(of: "'", with: #"'\''"#) + "'" }
        parts += tags.map { "--tag " + Self.quoted($0) }
        if let sample { parts.append("--sample \(sample) --seed \(sampleSeed)") } else if let seed { parts.append("--seed \(seed)") }
        if let limit { parts.append("--limit \(limit)") }
        return parts.joined(separator: " ")
    }

    /// Checks the values and parses the globs.
    /// - Throws: ``ScenarioSelectionError`` for a count below 1, `--seed` without `--sample`, or a bad glob.
    public func check() throws(ScenarioSelectionError) -> [Filter] {
        if let limit, limit < 1 { throw .badCount("--limit", limit) }
        if let sample, sample < 1 { throw .badCount("--sample", sample) }
        if seed != nil && sample == nil { throw .seedWithoutSample }
        var patterns: [Filter] = []
        for filter in filters { patterns.append(try Filter(filter)) }
        return patterns
    }

    /// One `--filter`: the glob for the id and, when it has a `/`, the globs for `SUITE/ID`.
    public struct Filter: Sendable {
        /// The whole pattern, for the id.
        public let whole: GlobPattern
        /// The parts before and after the first `/` (not escaped), for the suite and the id.
        public let qualified: (suite: GlobPattern, id: GlobPattern)?

        /// Parses a filter.
        public init(_ text: String) throws(ScenarioSelectionError) {
            whole = try GlobPattern(text)
            var escaped = false
            var slash: String.Index?
            for index in text.indices {
                if escaped { escaped = false; continue }
                if text[index] == "\\" { escaped = true } else if text[index] == "/" { slash = index; break }
            }
            // A `/` inside a set (`[a/b]`) leaves parts that do not parse: then the pattern is for the id only.
            if let slash, let suite = try? GlobPattern(String(text[..<slash])), let id = try? GlobPattern(String(text[text.index(after: slash)...])) {
                qualified = (suite, id)
            } else {
                qualified = nil
            }
        }

        /// Whether it matches a scenario by id or by suite and id.
        public func matches(_ scenario: Scenario) -> Bool {
            if whole.matches(scenario.id) { return true }
            guard let qualified else { return false }
            return qualified.suite.matches(scenario.suite) && qualified.id.matches(scenario.id)
        }
    }

    /// The selected scenarios, in their order; `failed` holds the scenarios `--failed-from` names (nil without it).
    /// - Throws: ``ScenarioSelectionError``, also when nothing is selected (`suites` only words that message).
    public func select(_ scenarios: [Scenario], failed: Set<ScenarioKey>? = nil, suites: Int = 1) throws(ScenarioSelectionError) -> [Scenario] {
        let patterns = try check()
        var chosen = scenarios.filter { admits($0, failed: failed, patterns: patterns) }
        if let sample, sample < chosen.count {
            let seed = sampleSeed
            let keys = chosen.map { Self.drawKey($0, seed: seed) }
            let kept = Set(keys.indices.sorted { (keys[$0], $0) < (keys[$1], $1) }.prefix(sample))
            chosen = chosen.indices.filter(kept.contains).map { chosen[$0] }
        }
        if let limit { chosen = Array(chosen.prefix(limit)) }
        if chosen.isEmpty { throw .noMatch(flags, scenarios: scenarios.count, suites: suites) }
        return chosen
    }

    /// Whether a scenario passes every non-counting criterion.
    func admits(_ scenario: Scenario, failed: Set<ScenarioKey>?, patterns: [Filter]) -> Bool {
        if let failed, !failed.contains(ScenarioKey(suite: scenario.suite, scenarioID: scenario.id)) { return false }
        if !patterns.isEmpty, !patterns.contains(where: { $0.matches(scenario) }) { return false }
        if !tags.isEmpty, !scenario.tags.contains(where: tags.contains) { return false }
        return true
    }

    /// Selects from loaded suites, resolving `--failed-from` in `store` (unless ``failedFromRun`` is set already;
    /// without a store there is no run to name);
    /// suites left without a scenario are dropped.
    /// - Returns: the suites to run and the selection to store with the run (its criteria resolved, the sample's seed stated).
    /// - Throws: ``ScenarioSelectionError``; the store's errors.
    public func apply(to suites: [Suite], store: (any RunStore)?) throws -> (suites: [Suite], selection: RunSelection) {
        var resolved = self
        if sample != nil { resolved.seed = sampleSeed }
        var failed: Set<ScenarioKey>?
        if let failedFrom {
            // A stored selection (a run being resumed) keeps the run it resolved to; `latest` would name another now.
            guard let store, let id = try failedFromRun ?? RunReference(failedFrom)?.resolve(in: store) else {
                throw ScenarioSelectionError.noSuchRun(failedFrom, store: store?.location ?? "(no store)")
            }
            resolved.failedFromRun = id
            let keys = try store.failedScenarios(run: id)
            if keys.isEmpty { throw ScenarioSelectionError.noFailures(run: id, reference: failedFrom) }
            failed = keys
        }
        let all = suites.flatMap(\.scenarios)
        let chosen = try resolved.select(all, failed: failed, suites: suites.count)
        let names = Set(chosen.map { ScenarioKey(suite: $0.suite, scenarioID: $0.id) })
        let kept = suites.compactMap { suite -> Suite? in
            var suite = suite
            suite.scenarios = suite.scenarios.filter { names.contains(ScenarioKey(suite: $0.suite, scenarioID: $0.id)) }
            return suite.scenarios.isEmpty ? nil : suite
        }
        return (kept, RunSelection(criteria: resolved, selected: chosen.count, total: all.count))
    }

    /// A scenario's place in the sample's draw: a hash of `suite/id` (FNV-1a, the same on every machine) mixed
    /// with the seed by SplitMix64. Adding a scenario moves no other scenario's key.
    static func drawKey(_ scenario: Scenario, seed: UInt64) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in (scenario.suite + "/" + scenario.id).utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        var generator = SplitMix64(seed: seed ^ hash)
        return generator.next()
    }

    /// A flag value quoted for a shell when it needs it.
    static func quoted(_ value: String) -> String {
        value.allSatisfy { $0.isLetter || $0.isNumber || "-_./:".contains($0) } && !value.isEmpty
            ? value : "'" + value.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }

    enum CodingKeys: String, CodingKey {
        case filters = "filter", tags = "tag", limit, sample, seed, failedFrom = "failed_from", failedFromRun = "failed_from_run"
    }
}
