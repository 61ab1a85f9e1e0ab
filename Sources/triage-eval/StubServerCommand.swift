import ArgumentParser
import Foundation
import LoopbackServer
import TriageEngine
import TriageEval

/// `triage-eval stub-server` (hidden): an OpenAI-compatible server on 127.0.0.1 that answers every chat
/// request with a fixed classification after a delay. `bench` runs it as a separate process so that the
/// harness's CPU is measured apart from the server's.
struct StubServerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stub-server", abstract: "Serve a fixed-latency OpenAI-compatible stub (for bench).",
                                                    shouldDisplay: false)

    @Option(name: .long, help: "Milliseconds before each answer.")
    var latencyMs = 50

    @Option(name: .long, help: "The rules directory whose taxonomy the default answer's labels come from.")
    var rules = "rules"

    @Option(name: .long, help: "The answer text (default: a classification with the taxonomy's default category, default priority and neutral sentiment).")
    var answer: String?

    func run() throws {
        let text: String
        if let answer {
            text = answer
        } else {
            do {
                text = Self.defaultAnswer(try PolicyLoader.load(directory: rules).taxonomy)
            } catch {
                printError("\(error)")
                throw ExitCode(ExitStatus.invalidInput.rawValue)
            }
        }
        let stub = try OpenAIStub(latency: .milliseconds(latencyMs), answer: { _ in text })
        FileHandle.standardOutput.write(Data((stub.baseURL.absoluteString + "\n").utf8))
        // Serve until standard input closes (the parent exits or closes the pipe).
        while let _ = readLine() {}
        stub.stop()
    }

    /// A classification answer whose labels all come from the taxonomy, so it is valid whatever the rules name.
    static func defaultAnswer(_ taxonomy: Taxonomy) -> String {
        let object: [String: Any] = [
            "category": taxonomy.defaultCategory, "confidence": 0.9, "priority": taxonomy.defaultPriority,
            "sentiment": taxonomy.sentiment(for: 0), "sentiment_score": 0, "churn_risk": false, "reason": "stub",
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
