import ArgumentParser
import TriageEngine
import TriageEval

/// What `run` says when it cannot start or its run does not pass: every message in one place.
extension RunCommand {
    /// Runs `body`, turning a setup error (files, gates, engine) into its message and exit status 2.
    func prepare<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch { throw failure(error) }
    }

    /// Awaits `body`, turning a setup error (files, gates, engine) into its message and exit status 2.
    func prepare<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch { throw failure(error) }
    }

    func failure(_ error: any Error) -> any Error {
        switch error {
        case let error as RunSetupError: return failure(error, variant: nil)
        case let error as VariantSetupError: return failure(error.error, variant: error.variant)
        default: return error
        }
    }

    func failure(_ error: RunSetupError, variant: String?) -> CommandFailure {
        let prefix = variant.map { "variant \($0): " } ?? ""
        switch error {
        case .files(let errors): return CommandFailure(files: errors, prefix: prefix)
        case .gates(let error): return .invalidInput(prefix + "--min-recall: \(error)")
        // A positioned error reads like a compiler's (`file:line:col: error: …`), with no prefix in front.
        case .engine(let underlying as LoadError): return CommandFailure(message: prefix + "\(underlying)", status: .invalidInput)
        case .engine: return .invalidInput(prefix + error.description)
        case .selection(let underlying as ScenarioSelectionError): return .invalidInput(prefix + underlying.description)
        case .selection(let underlying): return .incomplete(prefix + "the store could not answer --failed-from: \(underlying)")
        }
    }
}
