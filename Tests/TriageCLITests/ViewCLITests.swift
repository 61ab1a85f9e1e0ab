import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `triage-eval view` as a user runs it: the built binary over a store a real `run` filled, on a free port.
@Suite("view command")
struct ViewCLITests {
    let scratch = ScratchDirectory()

    /// The binary serving in the background; its first line of standard output is read as it comes.
    final class Serving: @unchecked Sendable {
        let process = Process()
        let out = Pipe()
        let err = Pipe()

        init(_ arguments: [String]) throws {
            process.executableURL = CLI.binary
            process.arguments = arguments
            process.currentDirectoryURL = URL(fileURLWithPath: CLI.root)
            process.standardOutput = out
            process.standardError = err
            try process.run()
        }

        /// The first line it prints (empty when it exits first).
        func firstLine() -> String {
            var bytes = Data()
            while true {
                let byte = out.fileHandleForReading.readData(ofLength: 1)
                if byte.isEmpty || byte == Data("\n".utf8) { return String(decoding: bytes, as: UTF8.self) }
                bytes.append(byte)
            }
        }

        /// Sends SIGINT (Ctrl-C) and returns the exit status, the rest of standard output and standard error.
        func interrupt() -> CLI.Output {
            kill(process.processIdentifier, SIGINT)
            let rest = out.fileHandleForReading.readDataToEndOfFile()
            let errors = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return CLI.Output(status: process.terminationStatus, stdout: String(decoding: rest, as: UTF8.self), stderr: String(decoding: errors, as: UTF8.self))
        }
    }

    /// Runs blocking work (pipe reads, waiting for a process) on its own thread, so the test never holds a
    /// thread of the concurrency pool that other tests' timeouts need.
    static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }

    static func get(_ url: URL) async throws -> (status: Int, body: String) {
        let (data, response) = try await URLSession.shared.data(from: url)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    @Test func servesTheStoreOn127001AndStopsCleanlyOnCtrlC() async throws {
        let database = scratch.database
        let run = try await Self.offPool { try CLI.run(["run", CLI.fixtures + "failing.yaml", "--db", database] + CLI.fixtureFiles) }
        #expect(run.status == 1)
        let serving = try Serving(["view", "--port", "0", "--db", scratch.database])
        let line = try await Self.offPool { serving.firstLine() }
        let prefix = "triage-eval view: serving \(scratch.database) at http://127.0.0.1:"
        #expect(line.hasPrefix(prefix) && line.hasSuffix("/ (Ctrl-C stops)"), "\(line)")
        let address = line.dropFirst(prefix.count).prefix { $0.isNumber }
        let base = "http://127.0.0.1:\(address)"

        let home = try await Self.get(URL(string: base + "/")!)
        #expect(home.status == 200)
        #expect(home.body.contains("href=\"/runs/1\""))
        #expect(home.body.contains("href=\"/?suite=failing\""))
        let report = try await Self.get(URL(string: base + "/runs/1")!)
        #expect(report.status == 200)
        #expect(report.body.contains("href=\"/runs/1/scenarios/failing/failing-wrong-expectation\""))
        let scenario = try await Self.get(URL(string: base + "/runs/1/scenarios/failing/failing-wrong-expectation")!)
        #expect(scenario.status == 200)
        #expect(scenario.body.contains("<td>category</td><td><code>billing</code></td>"))
        #expect(try await Self.get(URL(string: base + "/runs/2")!).status == 404)

        let stopped = try await Self.offPool { serving.interrupt() }
        #expect(stopped.status == 0, "\(stopped.stderr)")
        #expect(stopped.stdout == "triage-eval view: stopped\n")
    }

    @Test func anEmptyStoreSaysHowToMakeARun() async throws {
        let serving = try Serving(["view", "--port", "0", "--db", scratch.database])
        let line = try await Self.offPool { serving.firstLine() }
        let address = line.split(separator: " ").first { $0.hasPrefix("http://127.0.0.1:") }.map(String.init) ?? ""
        let home = try await Self.get(try #require(URL(string: address)))
        #expect(home.status == 200)
        #expect(home.body.contains("<pre>triage-eval run --db \(scratch.database)</pre>"))
        #expect(try await Self.offPool { serving.interrupt() }.status == 0)
    }

    @Test func aPortOutOfRangeIsAUsageError() throws {
        let result = try CLI.run(["view", "--port", "70000", "--db", scratch.database])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("Error: --port must be between 0 and 65535, got 70000\n"))
    }
}
