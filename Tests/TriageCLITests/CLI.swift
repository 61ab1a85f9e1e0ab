import Foundation

/// Runs the built `triage-eval` binary and captures what it printed.
struct CLI {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The repository root.
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The fixture files, relative to the root.
    static let fixtures = "Tests/Fixtures/cli/"

    /// The fixture rules and prompts: the CLI tests never depend on what the shipped `rules/` and `prompts/` say.
    static let fixtureFiles = ["--rules", fixtures + "rules", "--prompts", fixtures + "prompts"]

    /// The binary next to the test bundle.
    static let binary: URL = {
        let candidates = [Bundle.main.bundleURL.deletingLastPathComponent(), Bundle.main.bundleURL,
                          URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        for directory in candidates {
            let url = directory.appendingPathComponent("triage-eval")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return URL(fileURLWithPath: root + "/.build/debug/triage-eval")
    }()

    /// Runs with arguments from the repository root, with `environment` added to (and `unsetting` removed
    /// from) the test's (see ``RunningCLI`` to signal a running process).
    static func run(_ arguments: [String], environment: [String: String] = [:], unsetting: [String] = []) throws -> Output {
        let process = Process()
        process.executableURL = binary
        process.environment = ProcessInfo.processInfo.environment.filter { !unsetting.contains($0.key) }.merging(environment) { _, new in new }
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: root)
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes concurrently so a full pipe never blocks the child.
        nonisolated(unsafe) var errData = Data()
        nonisolated(unsafe) var outData = Data()
        let group = DispatchGroup()
        for (pipe, isError) in [(out, false), (err, true)] {
            group.enter()
            Thread {
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                if isError { errData = data } else { outData = data }
                group.leave()
            }.start()
        }
        group.wait()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// A temporary directory of one test, removed with everything in it when the test's suite instance goes away
/// (Swift Testing makes one instance per test, so each test gets its own and none is left behind).
final class ScratchDirectory: @unchecked Sendable {
    /// Its path.
    let path: String

    /// Creates an empty directory.
    init() {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("triage-eval-cli-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// A path inside it.
    func file(_ name: String) -> String { path + "/" + name }

    /// A fresh store path inside it.
    var database: String { file("runs.sqlite") }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
