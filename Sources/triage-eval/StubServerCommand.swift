import ArgumentParser
import Foundation
import LoopbackServer

/// `triage-eval stub-server` (hidden): an OpenAI-compatible server on 127.0.0.1 that answers every chat
/// request with a fixed classification after a delay. `bench` runs it as a separate process so that the
/// harness's CPU is measured apart from the server's.
struct StubServerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stub-server", abstract: "Serve a fixed-latency OpenAI-compatible stub (for bench).",
                                                    shouldDisplay: false)

    @Option(name: .long, help: "Milliseconds before each answer.")
    var latencyMs = 50

    @Option(name: .long, help: "The answer text.")
    var answer = #"{"category": "how_to", "confidence": 0.9, "priority": "low", "sentiment": "neutral", "sentiment_score": 0, "churn_risk": false, "reason": "stub"}"#

    func run() throws {
        let text = answer
        let stub = try OpenAIStub(latency: .milliseconds(latencyMs), answer: { _ in text })
        FileHandle.standardOutput.write(Data((stub.baseURL.absoluteString + "\n").utf8))
        // Serve until standard input closes (the parent exits or closes the pipe).
        while let _ = readLine() {}
        stub.stop()
    }
}
