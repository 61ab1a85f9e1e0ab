import ArgumentParser
import Foundation
import TriageEngine
import TriageEval

extension RunCommand {
    /// Runs the suites once per variant, stores each run, then compares every pair.
    func runVariants() async throws {
        log.bootstrap()
        let store = try openStore(self.store)
        let suitePaths = paths.isEmpty ? ["scenarios"] : paths
        var inputs: [Comparison.Input] = []
        var gatesFailed = false
        for variant in variant {
            let rulesDirectory = variant.rules ?? files.rules
            let promptsDirectory = try promptsDirectory(for: variant)
            let workspace: Workspace
            do {
                workspace = try Workspace.load(rules: rulesDirectory, prompts: promptsDirectory, suitePaths: suitePaths, modelsFile: files.models)
            } catch {
                printError("variant \(variant.name): " + error.description)
                throw ExitCode(ExitStatus.invalidInput.rawValue)
            }
            var engine: Engine
            let options = engineOptions(model: variant.model ?? model, replies: variant.replies ?? replies)
            do { engine = try Engine.make(workspace: workspace, options: options, store: store) } catch {
                printError("triage-eval: variant \(variant.name): \(error)")
                throw ExitCode(ExitStatus.invalidInput.rawValue)
            }
            engine.description.settings["variant"] = variant.name
            engine.description.settings["concurrency"] = String(concurrency)
            engine.description.settings["repeat"] = String(repeats)
            let flag = CancellationFlag()
            let trap = SignalTrap(flag: flag)
            let outcome = try await Evaluation(workspace: workspace, engine: engine, gates: try commandLineGates, concurrency: concurrency, repeats: repeats)
                .run(store: store, cancellation: flag, progress: ProgressReporter(total: workspace.scenarios.count * repeats))
            _ = trap
            if let interruption = outcome.interruption {
                printError("triage-eval: variant \(variant.name), run #\(outcome.runID) interrupted (\(interruption))")
                throw ExitCode(ExitStatus.incomplete.rawValue)
            }
            printError(String(format: "variant %@: run #%lld, accuracy %.1f%% (%d/%d), errored %d", variant.name, outcome.runID,
                              outcome.report.accuracy * 100, outcome.report.passed, outcome.report.scenarioCount, outcome.report.errored))
            if let maxErrorRate, outcome.report.scenarioCount > 0, Double(outcome.report.errored) / Double(outcome.report.scenarioCount) > maxErrorRate {
                printError(String(format: "triage-eval: variant %@: error rate %.3f exceeds --max-error-rate %.3f", variant.name,
                                  Double(outcome.report.errored) / Double(outcome.report.scenarioCount), maxErrorRate))
                throw ExitCode(ExitStatus.incomplete.rawValue)
            }
            for gate in outcome.report.gates where !gate.passed {
                printError("gate failed (variant \(variant.name)): " + gate.summary)
                gatesFailed = true
            }
            guard let input = try Comparison.Input.load(run: outcome.runID, from: store, name: variant.name) else { continue }
            inputs.append(input)
        }
        for first in 0..<inputs.count {
            for second in (first + 1)..<inputs.count {
                let comparison = Comparison.build(a: inputs[first], b: inputs[second])
                FileHandle.standardOutput.write(Data(try comparison.render(format == .json ? .json : (format == .markdown ? .markdown : .text)).utf8))
                if format != .json { FileHandle.standardOutput.write(Data("\n".utf8)) }
            }
        }
        if gatesFailed { throw ExitCode(ExitStatus.gateFailed.rawValue) }
    }

    /// The prompts directory of a variant: its own, or a scratch copy of the base with single files replaced.
    func promptsDirectory(for variant: Variant) throws -> String {
        let base = variant.prompts ?? files.prompts
        guard !variant.promptFiles.isEmpty else { return base }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("triage-eval-variant-\(variant.name)-\(getpid())").path
        try? FileManager.default.removeItem(atPath: scratch)
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        for file in try FileManager.default.contentsOfDirectory(atPath: base) where file.hasSuffix(".yaml") || file.hasSuffix(".yml") {
            try FileManager.default.copyItem(atPath: base + "/" + file, toPath: scratch + "/" + file)
        }
        for (name, path) in variant.promptFiles {
            guard FileManager.default.fileExists(atPath: path) else {
                printError("triage-eval: variant \(variant.name): no such prompt file \(path)")
                throw ExitCode(ExitStatus.invalidInput.rawValue)
            }
            try? FileManager.default.removeItem(atPath: scratch + "/\(name).yaml")
            try FileManager.default.copyItem(atPath: path, toPath: scratch + "/\(name).yaml")
        }
        return scratch
    }
}
