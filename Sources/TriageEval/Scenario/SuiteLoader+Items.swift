import TriageEngine

extension SuiteLoader {
    /// Why an item-by-item load gave up; the whole-file load then decides, with its own error texts.
    struct ItemLoadRefused: Error {}

    /// Suite files from this many bytes decode their items on a second thread while the parse goes on.
    static let pipelinedBytes = 1 << 20

    /// Loads a suite in one pass over its file, each item of the top-level `scenarios:` list decoded as soon
    /// as libyaml's events for it end and then dropped (``YAMLFile/streamRoot(listKey:item:)``), so a suite of
    /// 100,000 scenarios never holds a node tree of them all. The suite's other keys may come before or after
    /// the list: items are decoded without the suite's name and default quality, which are set once the
    /// header is read. Gives the suite the whole-file load gives, or any error (``ItemLoadRefused`` among
    /// them) for the caller to load the file whole instead, whose error texts are then the user's.
    ///
    /// Files from ``pipelinedBytes`` (or when `pipelined` says so) decode their items on a second thread
    /// (``ItemDecoder``) while this one goes on parsing; the scenarios and the verdict are the same either way.
    func loadItems(file: YAMLFile, pipelined: Bool? = nil) throws -> Suite {
        var seen = Set<String>()
        let pool = Pool()
        let decode = { (node: YAMLNode) throws -> Scenario in
            let scenario = try parseScenario(node, suite: "", pool: pool)
            guard seen.insert(scenario.id).inserted else { throw ItemLoadRefused() }
            return scenario
        }
        var scenarios: [Scenario] = []
        let (root, items): (YAMLNode, Int?)
        if pipelined ?? (file.text.utf8.count >= Self.pipelinedBytes) {
            let decoder = ItemDecoder(decode: decode)
            do {
                (root, items) = try file.streamRoot(listKey: "scenarios") { try decoder.add($0) }
            } catch {
                _ = try? decoder.finish()
                throw error
            }
            scenarios = try decoder.finish()
        } else {
            (root, items) = try file.streamRoot(listKey: "scenarios") { scenarios.append(try decode($0)) }
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
