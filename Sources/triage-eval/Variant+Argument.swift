import ArgumentParser
import TriageEval

extension Variant {
    /// Reads a `--variant NAME=SPEC` value; argument-parser prints the reason after "The value … is invalid".
    static func argument(_ text: String) throws -> Variant {
        do { return try Variant(parsing: text) } catch { throw ValidationError(error.description) }
    }
}

extension ReplySource: ExpressibleByArgument {}
