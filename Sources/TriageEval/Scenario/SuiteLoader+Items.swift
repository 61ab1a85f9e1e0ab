import TriageEngine

extension SuiteLoader {
    /// Why an item-by-item load gave up; the whole-file load then decides, with its own error texts.
    struct ItemLoadRefused: Error {}

    /// Loads a suite in one pass over its file, each item of the top-level `scenarios:` list decoded as soon
    /// as libyaml's events for it end and then dropped (``YAMLFile/streamRoot(listKey:item:)``), so a suite of
    /// 100,000 scenarios never holds a node tree of them all. The suite's other keys may come before or after
    /// the list: items are decoded without the suite's name and default quality, which are set once the
    /// header is read. Gives the suite the whole-file load gives, or any error (``ItemLoadRefused`` among
    /// them) for the caller to load the file whole instead, whose error texts are then the user's.
    func loadItems(file: YAMLFile) throws -> Suite {
        var scenarios: [Scenario] = []
        var seen = Set<String>()
        let pool = Pool()
        let (root, items) = try file.streamRoot(listKey: "scenarios") { node in
            let scenario = try parseScenario(node, suite: "", pool: pool)
            guard seen.insert(scenario.id).inserted else { throw ItemLoadRefused() }
            scenarios.append(scenario)
        }
        guard let items, items > 0, items == scenarios.count else { throw ItemLoadRefused() }
        let header = try parseHeader(root.mapping(allowed: Self.suiteKeys, what: "a scenario suite"))
        for index in scenarios.indices {
            scenarios[index].suite = header.name
            if scenarios[index].quality == nil { scenarios[index].quality = header.quality }
        }
        return header.suite(scenarios: scenarios, file: file)
    }
}
