import ArgumentParser
import TriageEval

extension RunReference {
    /// Reads a run argument; argument-parser prints the reason after "The value 'x' is invalid for '<run>'".
    static func argument(_ text: String) throws -> RunReference {
        guard let reference = RunReference(text) else { throw ValidationError("expected a run number, \"latest\" or \"group:NAME\"") }
        return reference
    }
}
