import ArgumentParser
import Foundation

/// One `--variant NAME=SPEC` of `run`: a name and what it changes. SPEC is comma-separated `key:value`:
/// `model:NAME`, `rules:DIR`, `prompts:DIR`, `prompt:NAME=FILE` (one prompt file replaced), `replies:model|templates`.
struct Variant: ExpressibleByArgument, Sendable {
    var name: String
    var model: String?
    var rules: String?
    var prompts: String?
    var promptFiles: [String: String] = [:]
    var replies: ReplySource?

    static let keys = ["model", "rules", "prompts", "prompt", "replies"]

    init?(argument: String) {
        guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else { return nil }
        name = String(argument[..<equals])
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }) else { return nil }
        for part in argument[argument.index(after: equals)...].split(separator: ",") {
            guard let colon = part.firstIndex(of: ":") else { return nil }
            let key = String(part[..<colon])
            let value = String(part[part.index(after: colon)...])
            guard !value.isEmpty else { return nil }
            switch key {
            case "model": model = value
            case "rules": rules = value
            case "prompts": prompts = value
            case "prompt":
                let pieces = value.split(separator: "=", maxSplits: 1).map(String.init)
                guard pieces.count == 2 else { return nil }
                promptFiles[pieces[0]] = pieces[1]
            case "replies":
                guard let source = ReplySource(rawValue: value) else { return nil }
                replies = source
            default: return nil
            }
        }
    }

    static var defaultValueDescription: String { "NAME=model:M,rules:DIR,prompts:DIR,prompt:classify=FILE,replies:templates" }
}
