import TriageEngine

extension SuiteLoader {
    /// Parses a `quality:` block (a scenario's, or a suite's default for scenarios without one).
    func parseQuality(_ node: YAMLNode) throws -> QualityExpectation {
        let map = try node.mapping(allowed: QualityExpectation.keys, what: "quality checks")
        if map.entries.isEmpty { throw node.error("empty quality checks; expected at least one of: \(QualityExpectation.keys.joined(separator: ", "))") }
        var quality = QualityExpectation()
        quality.noLoops = try map["no_loops"]?.bool(what: "no_loops") ?? false
        quality.noContradictions = try map["no_contradictions"]?.bool(what: "no_contradictions") ?? false
        if let healthNode = map["min_health"] {
            let health = try healthNode.int(what: "min_health", minimum: 0)
            if health > 100 { throw healthNode.error("expected min_health between 0 and 100, found \(health)") }
            quality.minHealth = health
        }
        return quality
    }
}
