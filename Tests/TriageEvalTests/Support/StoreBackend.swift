import Foundation
import Testing
@testable import TriageEval

/// The backends every ``RunStore`` test runs against. A PostgreSQL backend adds a case here and must pass
/// the same suite.
enum StoreBackend: String, CaseIterable, CustomTestStringConvertible {
    /// SQLite in memory (a GRDB `DatabaseQueue`).
    case sqliteMemory
    /// SQLite in a file of a fresh temporary directory (a GRDB `DatabasePool`, WAL mode).
    case sqliteFile

    var testDescription: String { rawValue }

    /// A fresh, empty store; call `remove()` when done.
    func makeEmptyStore() throws -> TestStore {
        switch self {
        case .sqliteMemory:
            return TestStore(store: try SQLiteStore(path: ":memory:"), directory: nil)
        case .sqliteFile:
            let directory = try EvalFixtures.temporaryDirectory()
            return TestStore(store: try SQLiteStore(path: directory.appendingPathComponent("runs.sqlite").path), directory: directory)
        }
    }
}

/// A store under test and what to remove afterwards.
struct TestStore {
    /// The store.
    let store: any RunStore
    /// Its temporary directory, when it has one.
    let directory: URL?

    /// Removes the temporary directory.
    func remove() {
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }
}
