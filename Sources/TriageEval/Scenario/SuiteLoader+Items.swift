import TriageEngine

extension SuiteLoader {
    /// A suite file cut at the items of its top-level `scenarios:` list, so each scenario is parsed on its
    /// own: one YAML node tree of a 100,000-scenario file costs gigabytes and most of the load time, while a
    /// tree per item is built, read and dropped at once.
    struct ItemSplit {
        /// The file's text with every item line left blank: the suite's other keys, on their own lines.
        var header: String
        /// Each item's lines (whole lines of the file, with their indentation) and how many lines precede them.
        var items: [(text: Substring, lineOffset: Int)]
    }

    /// Why an item-by-item load gave up; the whole-file load then decides, with its own error texts.
    struct ItemLoadRefused: Error {}

    /// Cuts `text` at the items of a block list under a `scenarios:` key at column 0: an item starts with
    /// `- ` at the first item's indentation, and takes every following line that is blank, a comment or
    /// indented deeper. Nil when the file is not laid out that way (then it is loaded whole).
    static func splitItems(_ text: String) -> ItemSplit? {
        let bytes = text.utf8
        guard !bytes.contains(13), !bytes.starts(with: [0xEF, 0xBB, 0xBF]) else { return nil }
        var items: [(text: Substring, lineOffset: Int)] = []
        var lineNumber = 0
        var listLine: Int?
        var itemIndent: Int?
        var itemStart: String.Index?
        var itemLine = 0
        var regionStart: String.Index?
        var regionEnd: String.Index?
        var itemLines: Int
        var index = bytes.startIndex
        scan: while index < bytes.endIndex {
            let lineStart = index
            let lineEnd = bytes[index...].firstIndex(of: 10) ?? bytes.endIndex
            index = lineEnd < bytes.endIndex ? bytes.index(after: lineEnd) : lineEnd
            lineNumber += 1
            let line = bytes[lineStart..<lineEnd]
            guard listLine != nil else {
                if isListKey(line) { listLine = lineNumber }
                continue
            }
            let indent = line.prefix { $0 == 32 }.count
            let rest = line.dropFirst(indent)
            let isItem = rest.first == 45 && (rest.count == 1 || rest.dropFirst().first == 32)
            if rest.isEmpty || rest.first == 35 {
                continue  // blank or comment: part of the item around it
            }
            if itemIndent == nil {
                guard isItem else { return nil }
                itemIndent = indent
                regionStart = lineStart
            } else if indent > itemIndent! {
                continue
            }
            guard indent == itemIndent!, isItem else {
                regionEnd = lineStart
                break scan
            }
            if let itemStart { items.append((text[itemStart..<lineStart], itemLine - 1)) }
            itemStart = lineStart
            itemLine = lineNumber
        }
        guard let itemStart, let regionStart else { return nil }
        let end = regionEnd ?? text.endIndex
        items.append((text[itemStart..<end], itemLine - 1))
        itemLines = text.utf8[regionStart..<end].count(where: { $0 == 10 })
        let header = String(text[..<regionStart]) + String(repeating: "\n", count: itemLines) + String(text[end...])
        return ItemSplit(header: header, items: items)
    }

    /// Whether a line is `scenarios:` at column 0, maybe followed by spaces and a comment.
    private static func isListKey(_ line: Substring.UTF8View) -> Bool {
        let key = Array("scenarios:".utf8)
        guard line.starts(with: key) else { return false }
        let rest = line.dropFirst(key.count).drop { $0 == 32 }
        return rest.isEmpty || rest.first == 35
    }

    /// Loads a suite item by item (see ``ItemSplit``): the same suite the whole-file load gives, or
    /// ``ItemLoadRefused`` (or any error) for the caller to load it whole instead.
    func loadItems(file: YAMLFile, split: ItemSplit) throws -> Suite {
        try file.checkLimits()
        let root = try file.fragment(Substring(split.header), lineOffset: 0).root()
            .mapping(allowed: Self.suiteKeys, what: "a scenario suite")
        let header = try parseHeader(root)
        // The list's lines are blank in the header, so its value there is an empty plain scalar.
        guard let list = root["scenarios"], case let .scalar(scalar) = list.node, scalar.string.isEmpty else { throw ItemLoadRefused() }
        var scenarios: [Scenario] = []
        scenarios.reserveCapacity(split.items.count)
        var seen = Set<String>()
        let pool = Pool()
        for item in split.items {
            let nodes = try file.fragment(item.text, lineOffset: item.lineOffset).root().sequence(what: "scenarios")
            guard nodes.count == 1 else { throw ItemLoadRefused() }
            let scenario = try parseScenario(nodes[0], suite: header.name, defaultQuality: header.quality, pool: pool)
            guard seen.insert(scenario.id).inserted else { throw ItemLoadRefused() }
            scenarios.append(scenario)
        }
        return header.suite(scenarios: scenarios, file: file)
    }
}
