import Foundation
import Testing
@testable import TriageEval

/// The CLI against a shared PostgreSQL store: `--db postgresql://…` and `TRIAGE_EVAL_DB` on every command
/// that opens a store, run end to end with the built binary on a real server (a fresh database per test).
@Suite("CLI with a PostgreSQL store")
struct PostgresCLITests {
    static let needsServer = Testing.ConditionTrait.enabled(if: ProcessInfo.processInfo.environment["TRIAGE_EVAL_SKIP_POSTGRES"] != "1",
                                                            "TRIAGE_EVAL_SKIP_POSTGRES=1")
    let suite = CLI.fixtures + "pass.yaml"
    /// The stores end-to-end tests run against: SQLite, and PostgreSQL unless `TRIAGE_EVAL_SKIP_POSTGRES=1`.
    static let backends = ProcessInfo.processInfo.environment["TRIAGE_EVAL_SKIP_POSTGRES"] == "1" ? ["sqlite"] : ["sqlite", "postgres"]

    @Test(Self.needsServer) func runReportRunsBaselineAndCompareShareOneDatabase() throws {
        let database = try ScratchPostgres()
        defer { database.drop() }
        let db = database.url
        let first = try CLI.run(["run", suite, "--db", db] + CLI.fixtureFiles)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Accuracy  3/3 = 100.0%"))
        let runs = try CLI.run(["runs", "--db", db])
        #expect(runs.status == 0)
        #expect(runs.stdout.contains("\n1     completed "))
        let baseline = try CLI.run(["baseline", "set", "1", "--db", db])
        #expect(baseline.status == 0, "\(baseline.stderr)")
        // A second runner names the store by the environment, and gates on the first one's baseline.
        let second = try CLI.run(["run", suite, "--no-regression", "0.05"] + CLI.fixtureFiles, environment: ["TRIAGE_EVAL_DB": db])
        #expect(second.status == 0, "\(second.stderr)")
        let compare = try CLI.run(["compare", "1", "2", "--db", db])
        #expect(compare.status == 0, "\(compare.stderr)")
        #expect(compare.stdout.contains("No significant difference between #1 and #2"))
        let report = try CLI.run(["report", "latest", "--format", "json"], environment: ["TRIAGE_EVAL_DB": db])
        #expect(report.status == 0, "\(report.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any]
        #expect((object?["run"] as? [String: Any])?["id"] as? Int == 2)
        let missing = try CLI.run(["report", "9", "--db", db])
        #expect(missing.status == 2)
        #expect(missing.stderr == "triage-eval: no run 9 in \(db)\n")
        // The role's password (in the pgpass file libpq reads) is in no output and no stored row.
        if let password = database.password {
            for output in [first, runs, baseline, second, compare, report, missing] {
                #expect(!output.stdout.contains(password) && !output.stderr.contains(password))
            }
            let stored = try database.connection().execute("SELECT row_to_json(run)::text FROM run").column(String.self).joined()
            #expect(!stored.isEmpty && !stored.contains(password))
        }
    }

    @Test func aPasswordInTheURLIsRefusedAndNeverEchoed() throws {
        let result = try CLI.run(["runs", "--db", "postgresql://ci:s3cret-pw@127.0.0.1:1/evals"])
        #expect(result.status == 2)
        #expect(result.stderr == "triage-eval: --db postgresql://ci:***@127.0.0.1:1/evals: a password in the URL would be written to logs, reports and stored runs; remove it and set PGPASSWORD or put it in ~/.pgpass\n")
        let fromEnvironment = try CLI.run(["report", "latest"], environment: ["TRIAGE_EVAL_DB": "postgres://ci:s3cret-pw@db/evals"])
        #expect(fromEnvironment.status == 2)
        #expect(fromEnvironment.stderr == "triage-eval: TRIAGE_EVAL_DB postgres://ci:***@db/evals: a password in the URL would be written to logs, reports and stored runs; remove it and set PGPASSWORD or put it in ~/.pgpass\n")
        #expect(!(result.stdout + fromEnvironment.stdout).contains("s3cret"))
    }

    @Test func aMalformedURLExitsTwo() throws {
        let result = try CLI.run(["run", suite, "--db", "postgresql://ci@db:port/evals"] + CLI.fixtureFiles)
        #expect(result.status == 2)
        #expect(result.stderr == "triage-eval: --db postgresql://ci@db:port/evals: port \"port\" is not a number from 1 to 65535\n")
    }

    /// Nothing listens on port 1: the run stops before it starts, exit 3, naming the server.
    @Test func anUnreachableServerExitsThreeNamingHostAndPort() throws {
        let result = try CLI.run(["run", suite, "--db", "postgresql://ci@127.0.0.1:1/evals"] + CLI.fixtureFiles)
        #expect(result.status == 3)
        #expect(result.stderr.hasPrefix("triage-eval: cannot open the store postgresql://ci@127.0.0.1:1/evals: cannot connect to PostgreSQL at 127.0.0.1:1: connection to server at \"127.0.0.1\", port 1 failed: Connection refused"))
    }

    /// A wrong password from the environment: refused by the server, exit 3, and the password is not in the message.
    @Test(Self.needsServer) func aWrongPasswordIsNotEchoed() throws {
        let database = try ScratchPostgres()
        defer { database.drop() }
        guard database.password != nil else { return }
        let result = try CLI.run(["runs", "--db", database.url], environment: ["PGPASSWORD": "wrong-pw-4711", "PGPASSFILE": "/nonexistent"])
        #expect(result.status == 3)
        #expect(result.stderr.contains("password authentication failed for user"))
        #expect(!result.stderr.contains("wrong-pw-4711"))
    }
}

/// A fresh database on the test server for one CLI test (see the library tests' `PostgresTestDatabase`).
struct ScratchPostgres {
    /// The database's URL.
    let url: String
    let name: String
    let server: PostgresURL

    init() throws {
        guard let text = ProcessInfo.processInfo.environment["TRIAGE_EVAL_TEST_POSTGRES"], !text.isEmpty else {
            throw CLIError("TRIAGE_EVAL_TEST_POSTGRES is not set: start a test server with `scripts/test-postgres.sh start` and `eval \"$(scripts/test-postgres.sh env)\"`, or set TRIAGE_EVAL_SKIP_POSTGRES=1 to skip the PostgreSQL tests")
        }
        server = try PostgresURL(text)
        name = "triage_eval_cli_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        try PostgresConnection(url: server).executeScript("CREATE DATABASE \(name)")
        let scheme = text.range(of: "://")!
        let query = text[scheme.upperBound...].firstIndex(of: "?") ?? text.endIndex
        let slash = text[scheme.upperBound..<query].firstIndex(of: "/") ?? query
        url = text[..<slash] + "/" + name + text[query...]
    }

    /// A connection to the database.
    func connection() throws -> PostgresConnection { try PostgresConnection(url: try PostgresURL(url)) }

    /// The password the test server's pgpass file holds, when it has one.
    var password: String? {
        guard let file = ProcessInfo.processInfo.environment["PGPASSFILE"],
              let line = try? String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").first else { return nil }
        return line.split(separator: ":").last.map(String.init)
    }

    func drop() {
        try? PostgresConnection(url: server).executeScript("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }
}

/// A test precondition that failed, with its message.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
