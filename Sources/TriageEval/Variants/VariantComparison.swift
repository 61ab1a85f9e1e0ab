/// Runs the same suites under several variants of one configuration, stores each run, and compares every
/// pair: the A/B run of `run --variant`. Every variant is loaded (``load()``) and its engine built before the
/// first one runs.
public struct VariantComparison: Sendable {
    /// One variant's finished run.
    public struct Arm: Sendable {
        /// The variant.
        public var variant: Variant
        /// The stored run and its report.
        public var outcome: Evaluation.Outcome
        /// What the run means for CI.
        public var verdict: RunVerdict
    }

    /// The configuration the variants change.
    public var base: RunConfiguration
    /// The variants, in the order they run and are compared.
    public var variants: [Variant]

    /// Creates a comparison of at least two variants.
    public init(base: RunConfiguration, variants: [Variant]) {
        self.base = base
        self.variants = variants
    }

    /// Loads and checks every variant's files, in variant order.
    public func load() throws(VariantSetupError) -> [Workspace] {
        var workspaces: [Workspace] = []
        for variant in variants {
            do { workspaces.append(try base.applying(variant).load()) } catch { throw VariantSetupError(variant: variant.name, error: error) }
        }
        return workspaces
    }

    /// Builds every variant's engine on its loaded workspace (from ``load()``), then runs them in order, telling
    /// `finished` of each; stops after the first that could not complete (its verdict says why). `progress`
    /// makes the reporter for a run of N results.
    public func run(workspaces: [Workspace], store: any RunStore, cancellation: CancellationFlag, progress: (Int) -> ProgressReporter? = { _ in nil },
                    finished: (Arm) -> Void = { _ in }) async throws -> [Arm] {
        var prepared: [(variant: Variant, configuration: RunConfiguration, evaluation: Evaluation)] = []
        for (variant, workspace) in zip(variants, workspaces) {
            let configuration = base.applying(variant)
            do {
                prepared.append((variant, configuration, try configuration.prepare(workspace: workspace, store: store)))
            } catch {
                throw VariantSetupError(variant: variant.name, error: error)
            }
        }
        var arms: [Arm] = []
        for (variant, configuration, evaluation) in prepared {
            let outcome = try await evaluation.run(store: store, cancellation: cancellation, progress: progress(evaluation.workspace.scenarios.count * evaluation.repeats))
            let arm = Arm(variant: variant, outcome: outcome, verdict: configuration.verdict(for: outcome))
            arms.append(arm)
            finished(arm)
            if !arm.verdict.isComplete { break }
        }
        return arms
    }

    /// Every pair of arms, in order (first against second, first against third, …), compared on their shared scenarios.
    public static func comparisons(of arms: [Arm], store: any RunStore) throws -> [Comparison] {
        var inputs: [Comparison.Input] = []
        for arm in arms {
            if let input = try Comparison.Input.load(run: arm.outcome.runID, from: store, name: arm.variant.name) { inputs.append(input) }
        }
        var comparisons: [Comparison] = []
        for first in inputs.indices {
            for second in inputs.indices where second > first {
                comparisons.append(Comparison.build(a: inputs[first], b: inputs[second]))
            }
        }
        return comparisons
    }
}
