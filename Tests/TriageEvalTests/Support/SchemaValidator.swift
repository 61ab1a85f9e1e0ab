import Foundation

/// Validates JSON values against the files in `schemas/` with the reference Python `jsonschema` package
/// (`scripts/validate_schemas.py`), an implementation independent of the tool's loaders.
struct SchemaValidator {
    /// One document to check.
    struct Item {
        var name: String
        var schema: String
        var instance: Any
    }

    /// The repository root.
    let root: String

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The schema errors of each item, by name (an empty list: valid).
    func errors(_ items: [Item]) throws -> [String: [String]] {
        var input = Data()
        for item in items {
            let line: [String: Any] = ["name": item.name, "schema": item.schema, "instance": item.instance]
            input += try JSONSerialization.data(withJSONObject: line, options: [.fragmentsAllowed]) + Data("\n".utf8)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", root + "/scripts/validate_schemas.py", root + "/schemas"]
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // Write from another thread: a large input would otherwise fill the pipe while the validator's output fills its own.
        let payload = input
        let writer = Thread {
            stdin.fileHandleForWriting.write(payload)
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "scripts/validate_schemas.py failed (python3 with the jsonschema package is needed; `pip install jsonschema`): \(errorText)")
        }
        var result: [String: [String]] = [:]
        for line in output.split(separator: UInt8(ascii: "\n")) {
            let object = try JSONSerialization.jsonObject(with: Data(line)) as! [String: Any]
            result[object["name"] as! String] = object["errors"] as? [String] ?? []
        }
        return result
    }
}
