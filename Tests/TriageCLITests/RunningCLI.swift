import Foundation
import LoopbackServer

/// The built `triage-eval` binary running in the background, so a test can wait for what it prints,
/// signal it at a known point, and collect its output when it exits.
final class RunningCLI: @unchecked Sendable {
    private let process = Process()
    private let condition = NSCondition()
    private var errText = ""
    private var outData = Data()
    private var readersDone = 0

    /// Starts the binary with arguments from the repository root.
    init(_ arguments: [String]) throws {
        process.executableURL = CLI.binary
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: CLI.root)
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        Thread { [self] in
            let data = out.fileHandleForReading.readDataToEndOfFile()
            condition.withLock { outData = data; readersDone += 1; condition.broadcast() }
        }.start()
        Thread { [self] in
            while true {
                let chunk = err.fileHandleForReading.availableData
                condition.withLock {
                    if chunk.isEmpty { readersDone += 1 } else { errText += String(decoding: chunk, as: UTF8.self) }
                    condition.broadcast()
                }
                if chunk.isEmpty { return }
            }
        }.start()
    }

    /// The process id.
    var pid: Int32 { process.processIdentifier }

    /// Sends a signal.
    func send(_ signalNumber: Int32) { kill(process.processIdentifier, signalNumber) }

    /// Waits until standard error contains `text` (or the process ended); true when it does.
    func waitForStderr(containing text: String, timeout: TimeInterval = 60) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        return condition.withLock {
            while !errText.contains(text) && readersDone < 2 && Date() < deadline { _ = condition.wait(until: deadline) }
            return errText.contains(text)
        }
    }

    /// Waits for the process to exit and returns what it printed.
    func finish() -> CLI.Output {
        process.waitUntilExit()
        return condition.withLock {
            while readersDone < 2 { condition.wait() }
            return CLI.Output(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: errText)
        }
    }
}

/// An OpenAI-compatible stub that answers classification and reply prompts from the ticket's words, counts
/// the chat requests, and can hold one request unanswered until the test releases it (or act on it).
final class HoldingStub: @unchecked Sendable {
    private(set) var stub: OpenAIStub!
    private let condition = NSCondition()
    private var count = 0
    private var holdAt: Int?
    private var held = false
    private var released = false
    private var bodies: [Data] = []
    private let onRequest: (@Sendable (Int) -> Void)?

    /// Starts a stub; `onRequest` is called with each request's number (from 1) before it is answered.
    init(onRequest: (@Sendable (Int) -> Void)? = nil) throws {
        self.onRequest = onRequest
        stub = try OpenAIStub(promptTokens: 100, completionTokens: 20) { [weak self] request in
            self?.arrive(request)
            return HoldingStub.answer(request)
        }
    }

    deinit { stub.stop() }

    /// Holds the request with this number (from 1) until ``release()``.
    func hold(request number: Int) { condition.withLock { holdAt = number } }

    /// Waits until the held request arrived.
    func waitUntilHeld(timeout: TimeInterval = 60) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        return condition.withLock {
            while !held && Date() < deadline { _ = condition.wait(until: deadline) }
            return held
        }
    }

    /// Lets the held request be answered.
    func release() { condition.withLock { released = true; condition.broadcast() } }

    /// Chat requests so far.
    var requestCount: Int { condition.withLock { count } }

    /// The bodies of the chat requests so far, in arrival order.
    var requestBodies: [Data] { condition.withLock { bodies } }

    private func arrive(_ request: ServerRequest) {
        let number: Int = condition.withLock {
            count += 1
            bodies.append(request.body)
            return count
        }
        onRequest?(number)
        condition.withLock {
            guard number == holdAt else { return }
            held = true
            condition.broadcast()
            while !released { condition.wait() }
        }
    }

    /// Labels from the customer's words (billing for "charged", security for "hacked", otherwise how-to);
    /// a reply prompt gets a short text.
    static func answer(_ request: ServerRequest) -> String {
        guard request.bodyText.contains("sentiment_score") else { return "Thanks for your patience, we are on it." }
        let user = (request.jsonObject?["messages"] as? [[String: Any]])?.last?["content"] as? String ?? ""
        let category = user.contains("charged") ? "billing" : (user.contains("hacked") ? "security" : "how_to")
        return #"{"category": "\#(category)", "confidence": 0.9, "priority": "high", "sentiment": "neutral", "sentiment_score": 0, "churn_risk": false, "reason": "r"}"#
    }

    /// A directory with a models file naming this stub `stub` and a suite of `count` scenarios; the caller removes it.
    func workspace(scenarios count: Int) throws -> (directory: URL, models: String, suite: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("triage-eval-resume-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let models = directory.appendingPathComponent("models.yaml").path
        try """
            models:
              - name: stub
                provider: openai
                base_url: \(stub.baseURL.absoluteString)
                model: stub-model
                timeout_seconds: 30
                price_per_million: {input: 1, output: 2}
            """.write(toFile: models, atomically: true, encoding: .utf8)
        var suite = "suite: resume\nscenarios:\n"
        let texts = ["I was charged twice for order %d, please refund it.", "How do I invite teammate %d to my project?",
                     "My account %d was hacked and the password changed."]
        let categories = ["billing", "how_to", "security"]
        for index in 0..<count {
            suite += """
                  - id: s\(index)
                    channel: email
                    plan: pro
                    customer: Lee
                    messages:
                      - {role: customer, text: "\(String(format: texts[index % 3], index))"}
                    expect: {category: \(categories[index % 3])}

                """
        }
        let suitePath = directory.appendingPathComponent("resume.yaml").path
        try suite.write(toFile: suitePath, atomically: true, encoding: .utf8)
        return (directory, models, suitePath)
    }
}
