extension EscalationRates {
    /// The rates of a run's aggregates; `suites` gives the order of the suite rows.
    public static func summarize(_ aggregates: RunAggregates, suites: [String]) -> EscalationRates {
        func rate(_ escalated: Int, _ decided: Int) -> Double { decided == 0 ? 0 : Double(escalated) / Double(decided) }
        let decided = aggregates.suites.values.reduce(0) { $0 + $1.decided }
        let escalated = aggregates.suites.values.reduce(0) { $0 + $1.escalated }
        let suiteRows = suites.map { name in
            let counts = aggregates.suites[name]
            return Row(name: name, decided: counts?.decided ?? 0, escalated: counts?.escalated ?? 0,
                       rate: rate(counts?.escalated ?? 0, counts?.decided ?? 0))
        }
        let teamRows = aggregates.teams.keys.sorted().map { Row(name: $0, decided: decided, escalated: aggregates.teams[$0]!, rate: rate(aggregates.teams[$0]!, decided)) }
        return EscalationRates(decided: decided, escalated: escalated, rate: rate(escalated, decided), suites: suiteRows, teams: teamRows)
    }
}
