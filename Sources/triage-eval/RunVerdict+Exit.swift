import ArgumentParser
import TriageEval

extension RunVerdict {
    /// Exits as the verdict says, with its message: a run or a resumed run (`database` names a store other
    /// than the default in the resume hint; `variant` prefixes a variant's messages).
    func conclude(run outcome: Evaluation.Outcome, database: String?, variant: String? = nil) throws {
        let prefix = variant.map { "variant \($0), " } ?? ""
        switch self {
        case .passed: return
        case .interrupted(let why):
            throw CommandFailure.incomplete("\(prefix)run #\(outcome.runID) interrupted (\(why)); stored as interrupted with \(outcome.report.scenarioCount) results.\n"
                                            + ProgressReporter.resumeHint(run: outcome.runID, database: database))
        case .replayMisses(let count, let first):
            throw CommandFailure.incomplete("\(prefix)--replay: \(count) scenario\(count == 1 ? "" : "s") had no recorded response (first: \(first)); run once without --replay to record them")
        case .errorRateExceeded(let rate, let limit, let byDefault):
            throw CommandFailure.incomplete(prefix + String(format: "error rate %.3f (%d of %d scenario runs errored) exceeds --max-error-rate %.3f%@",
                                                            rate, outcome.report.errored, outcome.report.scenarioCount, limit, byDefault ? " (the default)" : ""))
        case .gatesFailed(let gates):
            throw CommandFailure(message: gates.map { "gate failed: " + $0.summary }.joined(separator: "\n"), status: .gateFailed)
        }
    }
}
