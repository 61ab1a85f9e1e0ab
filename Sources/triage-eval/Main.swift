import ArgumentParser
import Foundation
import TriageEval

/// Runs the command and maps argument errors to exit status 2, as the README documents.
@main
enum Main {
    static func main() async {
        do {
            var command = try TriageEvalCommand.parseAsRoot()
            // Checks a command line (flags, values) without running it: CI configurations are linted this way.
            if ProcessInfo.processInfo.environment["TRIAGE_EVAL_PARSE_ONLY"] == "1" { Foundation.exit(ExitStatus.success.rawValue) }
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch let failure as CommandFailure {
            printError(failure.message)
            Foundation.exit(failure.status.rawValue)
        } catch {
            let code = TriageEvalCommand.exitCode(for: error)
            if code == .success {
                TriageEvalCommand.exit(withError: error)
            }
            let message = TriageEvalCommand.fullMessage(for: error)
            FileHandle.standardError.write(Data((message.hasSuffix("\n") ? message : message + "\n").utf8))
            let isUsage = code == .validationFailure || error is ValidationError
            Foundation.exit(isUsage ? ExitStatus.invalidInput.rawValue : ExitStatus.incomplete.rawValue)
        }
    }
}
