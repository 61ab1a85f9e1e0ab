extension RunAggregates {
    /// A scenario's identity across runs: its suite and id (hashed as two strings, no joined key to build).
    struct ScenarioKey: Hashable {
        /// Suite name.
        var suite: String
        /// Scenario id.
        var id: String
    }

    /// Counts runs per scenario, expected and actual category (``CategoryCell``), in the order cells are first
    /// met; ``sorted()`` orders them. Fed in an order close to the sorted one (a store's groups in index order),
    /// that sort is one pass: the standard library's merge sort finds the sorted runs.
    struct CellTally {
        private struct Key: Hashable {
            var scenario: Int
            var expected: String
            var actual: String?
        }

        private var cells: [CategoryCell] = []
        private var index: [Key: Int] = [:]

        /// A tally with room for `capacity` cells before it grows.
        init(capacity: Int = 0) {
            cells.reserveCapacity(capacity)
            index.reserveCapacity(capacity)
        }

        /// Adds `count` runs of the scenario numbered `scenario` (one number per suite and id).
        mutating func add(scenario: Int, suite: String, scenarioID: String, expected: String, actual: String?, count: Int) {
            let key = Key(scenario: scenario, expected: expected, actual: actual)
            if let position = index[key] {
                cells[position].count += count
            } else {
                index[key] = cells.count
                cells.append(CategoryCell(suite: suite, scenarioID: scenarioID, expected: expected, actual: actual, count: count))
            }
        }

        /// The cells, sorted (``CategoryCell/<(_:_:)``).
        func sorted() -> [CategoryCell] { cells.sorted() }
    }
}
