// A support service's use of the engine, as small as it gets: it links TriageEngine only (not the harness),
// loads the same rules/ and prompts/ the harness evaluates, builds the pipeline through the engine's one
// entry point, triages a ticket and prints the decision as JSON.
//
//     swift run TriageService Examples/TriageService/ticket.json
//     swift run TriageService --model gpt-4o-mini ticket.json     # a model from prompts/models.yaml
//
// Options: --rules DIR (default rules), --prompts DIR (default prompts), --model NAME (default: the built-in
// lexical engine, no network). The ticket is a JSON file (or standard input); exit 2 on bad input, 3 when a
// model call fails.
import Foundation
import Logging
import TriageEngine

var rules = "rules"
var prompts = "prompts"
var model: String?
var ticketPath: String?
var arguments = CommandLine.arguments.dropFirst()[...]
while let argument = arguments.popFirst() {
    switch argument {
    case "--rules": rules = arguments.popFirst() ?? rules
    case "--prompts": prompts = arguments.popFirst() ?? prompts
    case "--model": model = arguments.popFirst()
    default: ticketPath = argument
    }
}

func fail(_ message: String, status: Int32) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(status)
}

// A service creates its logger and hands it to the engine; the engine never creates one.
var logger = Logger(label: "triage-service")
logger.logLevel = .info

let pipeline: TriagePipeline
do {
    let configuration = try PipelineConfiguration.load(rules: rules, prompts: prompts, model: model)
    pipeline = try TriagePipeline(configuration: configuration, logger: logger)
} catch let errors as LoadErrors {
    fail("\(errors)", status: 2)  // each `file:line:col: error: …` with the line quoted
} catch {
    fail("triage-service: \(error)", status: 2)
}

let data = ticketPath.map { FileManager.default.contents(atPath: $0) } ?? FileHandle.standardInput.readDataToEndOfFile()
guard let data, let ticket = try? JSONDecoder().decode(Ticket.self, from: data) else {
    fail("triage-service: \(ticketPath ?? "standard input") is not a ticket (JSON with id, channel, plan, customer, messages)", status: 2)
}

do {
    let decision = try await pipeline.triage(ticket)
    print(decision.json)
} catch {
    fail("triage-service: \(error)", status: 3)
}
