/// How often the pipeline escalated: over the run, per suite and per team, the figure the production system
/// alerted on (above 25%). The base is the scenario runs that reached a decision (errored ones have none).
public struct EscalationRates: Sendable, Codable, Equatable {
    /// One row: a suite or a team.
    public struct Row: Sendable, Codable, Equatable {
        /// Suite or team name.
        public var name: String
        /// Scenario runs with a decision in the row's base (the suite's; for a team, the whole run's).
        public var decided: Int
        /// Of those, escalated (for a team: escalated to it).
        public var escalated: Int
        /// escalated / decided (0 when nothing was decided).
        public var rate: Double
    }

    /// Scenario runs with a decision.
    public var decided: Int
    /// Of those, escalated.
    public var escalated: Int
    /// escalated / decided (0 when nothing was decided).
    public var rate: Double
    /// Per suite, in the run's suite order.
    public var suites: [Row]
    /// Per team escalated to, by name; each team's share of all decided runs.
    public var teams: [Row]

    /// The rates of a run's results; `suites` gives the order of the suite rows.
    public static func summarize(_ results: [ScenarioResult], suites: [String]) -> EscalationRates {
        func rate(_ escalated: Int, _ decided: Int) -> Double { decided == 0 ? 0 : Double(escalated) / Double(decided) }
        var perSuite: [String: (decided: Int, escalated: Int)] = [:]
        var perTeam: [String: Int] = [:]
        var decided = 0
        var escalated = 0
        for result in results {
            guard let actual = result.actual else { continue }
            decided += 1
            var counts = perSuite[result.suite] ?? (0, 0)
            counts.decided += 1
            if actual.escalate {
                escalated += 1
                counts.escalated += 1
                perTeam[actual.team, default: 0] += 1
            }
            perSuite[result.suite] = counts
        }
        let suiteRows = suites.map { name in
            let counts = perSuite[name] ?? (0, 0)
            return Row(name: name, decided: counts.decided, escalated: counts.escalated, rate: rate(counts.escalated, counts.decided))
        }
        let teamRows = perTeam.keys.sorted().map { Row(name: $0, decided: decided, escalated: perTeam[$0]!, rate: rate(perTeam[$0]!, decided)) }
        return EscalationRates(decided: decided, escalated: escalated, rate: rate(escalated, decided), suites: suiteRows, teams: teamRows)
    }

    /// `escalated/decided = rate` for text and Markdown, e.g. `2/6 = 33.3%`.
    static func figure(_ row: Row) -> String { "\(row.escalated)/\(row.decided) = \(RunReport.percent(row.rate))" }

    /// The whole run's figure.
    var figure: String { "\(escalated)/\(decided) = \(RunReport.percent(rate))" }
}
