import ArgumentParser
import TriageEval

/// Which scenarios to run: parsed here, applied by ``ScenarioSelection`` in TriageEval.
struct SelectionOptions: ParsableArguments {
    @Option(name: .long, parsing: .singleValue,
            help: "Run only scenarios whose id or suite/id matches this glob (*, ?, [a-z]; * stops at /); repeatable, any of them.")
    var filter: [String] = []

    @Option(name: .long, parsing: .singleValue, help: "Run only scenarios with this tag (repeatable, any of them).")
    var tag: [String] = []

    @Option(name: .long, help: "Run only the first N selected scenarios, in file order.")
    var limit: Int?

    @Option(name: .long, help: "Run N of the selected scenarios drawn at random: the same ones for the same seed on every machine.")
    var sample: Int?

    @Option(name: .long, help: "The seed of --sample (default \(ScenarioSelection.defaultSeed)).")
    var seed: UInt64?

    @Option(name: .long, help: "Run only the scenarios that failed or errored in this run (a run number or latest).",
            transform: RunReference.argument)
    var failedFrom: RunReference?

    /// The selection the flags ask for.
    var selection: ScenarioSelection {
        ScenarioSelection(filters: filter, tags: tag, limit: limit, sample: sample, seed: seed, failedFrom: failedFrom)
    }

    func validate() throws {
        do { _ = try selection.check() } catch { throw ValidationError(error.description) }
    }
}
