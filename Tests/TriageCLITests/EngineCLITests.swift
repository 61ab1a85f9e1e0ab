import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// The CLI's wiring of the engine: `-v` logging, role checks of configured models, the stub server's answer.
@Suite("CLI engine wiring", .serialized)
struct EngineCLITests {
    let fixtures = "Tests/Fixtures/cli/"

    /// A scratch directory for one test, removed by `body`'s caller.
    func withDirectory<T>(_ body: (URL) throws -> T) throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("triage-eval-engine-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        return try body(directory)
    }

    @Test func verbosePrintsEachScenarioToStandardError() throws {
        try withDirectory { directory in
            let db = directory.appendingPathComponent("runs.sqlite").path
            let quiet = try CLI.run(["run", fixtures + "pass.yaml", "--db", db])
            #expect(quiet.status == 0)
            #expect(!quiet.stderr.contains("scenario finished"))
            let verbose = try CLI.run(["run", fixtures + "pass.yaml", "--db", db, "-v"])
            #expect(verbose.status == 0)
            let lines = verbose.stderr.split(separator: "\n").filter { $0.contains("scenario finished") }
            #expect(lines.count == 3)
            for id in ["smoke-refund", "smoke-howto", "smoke-hacked"] {
                #expect(lines.contains { $0.contains("scenario.id=\(id)") && $0.contains("scenario.status=passed") && $0.contains(" debug ") })
            }
        }
    }

    /// A `builtin` model named as the judge stops the run with exit 2 at the model's `provider:` line.
    @Test func builtinJudgeIsRejectedAtItsProviderLine() throws {
        try withDirectory { directory in
            let models = directory.appendingPathComponent("models.yaml").path
            try "models:\n  - name: offline\n    provider: builtin\n".write(toFile: models, atomically: true, encoding: .utf8)
            let result = try CLI.run(["run", fixtures + "pass.yaml", "--models", models, "--judge", "offline",
                                      "--db", directory.appendingPathComponent("runs.sqlite").path])
            #expect(result.status == 2)
            #expect(result.stderr == """
                \(models):3:15: error: model "offline" has provider builtin, which cannot be used as the judge model; expected one of: openai, anthropic
                    provider: builtin
                              ^

                """)
        }
    }

    /// The example service (linking TriageEngine only) triages the example ticket from the shipped files, and
    /// stops with exit 2 on a model whose key is missing.
    @Test func exampleServiceTriagesTheExampleTicket() throws {
        func service(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
            let process = Process()
            process.executableURL = CLI.binary.deletingLastPathComponent().appendingPathComponent("TriageService")
            process.arguments = arguments
            process.currentDirectoryURL = URL(fileURLWithPath: CLI.root)
            process.environment = ProcessInfo.processInfo.environment.filter { $0.key != "OPENAI_API_KEY" }
            let out = Pipe()
            let err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let stdout = out.fileHandleForReading.readDataToEndOfFile()
            let stderr = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
        }
        let result = try service(["Examples/TriageService/ticket.json"])
        #expect(result.status == 0)
        let decision = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((decision["stage1"] as? [String: Any])?["category"] as? String == "billing")
        #expect(decision["escalate"] as? Bool == true)
        #expect(decision["team"] as? String == "billing")
        let keyless = try service(["--model", "gpt-4o-mini", "Examples/TriageService/ticket.json"])
        #expect(keyless.status == 2)
        #expect(keyless.stderr == "triage-service: model \"gpt-4o-mini\" needs its API key in the environment variable OPENAI_API_KEY (api_key_env); it is not set\n")
    }

    /// The stub server's default answer takes its labels from the rules it is given, not from names in Swift.
    @Test func stubServerAnswersWithTheTaxonomysDefaults() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("triage-eval-engine-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for name in ["taxonomy.yaml", "lexicon.yaml", "escalation.yaml"] {
            var text = try String(contentsOfFile: CLI.root + "/rules/" + name, encoding: .utf8)
            if name == "taxonomy.yaml" {
                text = text.replacingOccurrences(of: "default_category: general", with: "default_category: feature_request")
                    .replacingOccurrences(of: "default_priority: normal", with: "default_priority: low")
            }
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["stub-server", "--latency-ms", "0", "--rules", directory.path]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        defer {
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
        }
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let url = try #require(URL(string: String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)))
        var request = URLRequest(url: url.appendingPathComponent("chat/completions"))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(#"{"model":"m","messages":[{"role":"user","content":"hi"}]}"#.utf8)
        let (data, _) = try await URLSession.shared.data(for: request)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let message = ((object["choices"] as? [[String: Any]])?.first?["message"] as? [String: Any])?["content"] as? String
        #expect(message == #"{"category":"feature_request","churn_risk":false,"confidence":0.9,"priority":"low","reason":"stub","sentiment":"neutral","sentiment_score":0}"#)
    }
}
