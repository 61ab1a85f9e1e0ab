import ArgumentParser
import Foundation
import TriageEval
import TriageViewer

/// `triage-eval view`: serves the store's history on 127.0.0.1 until Ctrl-C.
struct ViewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "view",
        abstract: "Browse the stored runs in a web browser (on 127.0.0.1 only).",
        discussion: "Pages: / (runs, filter by suite, model, status), /runs/ID, /compare?a=ID&b=ID, /drift/SUITE, /runs/ID/scenarios/SUITE/SCENARIO. Ctrl-C stops it."
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var log: LogOptions

    @Option(name: .long, help: "The port on 127.0.0.1 (0: any free port).")
    var port = 8080

    func validate() throws {
        if !(0...65535).contains(port) { throw ValidationError("--port must be between 0 and 65535, got \(port)") }
    }

    func run() async throws {
        let database = try openStore(store)
        let server = ViewerServer(viewer: Viewer(store: database), port: port, logger: log.makeLogger())
        do {
            try await server.run(handlingSignals: true) { url in
                // Unbuffered, so a script or test reading the pipe sees the address at once.
                FileHandle.standardOutput.write(Data("triage-eval view: serving \(database.location) at \(url.absoluteString) (Ctrl-C stops)\n".utf8))
            }
        } catch {
            throw CommandFailure.incomplete("cannot serve on \(ViewerServer.host):\(port): \(error)")
        }
        FileHandle.standardOutput.write(Data("triage-eval view: stopped\n".utf8))
    }
}
