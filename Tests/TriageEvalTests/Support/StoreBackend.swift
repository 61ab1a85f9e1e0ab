import Foundation
import Testing
@testable import TriageEval

/// The backends every ``RunStore`` test runs against.
enum StoreBackend: String, CaseIterable, CustomTestStringConvertible {
    /// SQLite in memory (a GRDB `DatabaseQueue`).
    case sqliteMemory
    /// SQLite in a file of a fresh temporary directory (a GRDB `DatabasePool`, WAL mode).
    case sqliteFile
    /// PostgreSQL: a fresh database on the test server (see ``PostgresTestDatabase``); left out only when
    /// `TRIAGE_EVAL_SKIP_POSTGRES=1`.
    case postgres

    /// Every backend, PostgreSQL unless skipped.
    static var allCases: [StoreBackend] {
        PostgresTestDatabase.isSkipped ? [.sqliteMemory, .sqliteFile] : [.sqliteMemory, .sqliteFile, .postgres]
    }

    var testDescription: String { rawValue }

    /// A fresh, empty store; call `remove()` when done.
    func makeEmptyStore() throws -> TestStore {
        switch self {
        case .sqliteMemory:
            return TestStore(store: try SQLiteStore(path: ":memory:"), directory: nil)
        case .sqliteFile:
            let directory = try EvalFixtures.temporaryDirectory()
            return TestStore(store: try SQLiteStore(path: directory.appendingPathComponent("runs.sqlite").path), directory: directory)
        case .postgres:
            let database = try PostgresTestDatabase()
            do {
                return TestStore(store: try database.store(), directory: nil, postgres: database)
            } catch {
                database.drop()
                throw error
            }
        }
    }
}

/// A store under test and what to remove afterwards.
struct TestStore {
    /// The store.
    let store: any RunStore
    /// Its temporary directory, when it has one.
    let directory: URL?
    /// Its PostgreSQL database, when it has one.
    var postgres: PostgresTestDatabase? = nil

    /// Removes the temporary directory or drops the database.
    func remove() {
        if let directory { try? FileManager.default.removeItem(at: directory) }
        postgres?.drop()
    }
}
