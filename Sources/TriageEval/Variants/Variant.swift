/// One arm of an A/B run: a name and what it changes against the base configuration, read from
/// `NAME=SPEC` where SPEC is comma-separated `key:value` pairs: `model:NAME`, `rules:DIR`, `prompts:DIR`,
/// `prompt:NAME=FILE` (one prompt file replaced) and `replies:model|templates`.
public struct Variant: Sendable, Equatable {
    /// The name runs and comparisons show.
    public var name: String
    /// The model under test, by name; nil keeps the base's.
    public var model: String?
    /// The rules directory; nil keeps the base's.
    public var rules: String?
    /// The prompts directory; nil keeps the base's.
    public var prompts: String?
    /// Single prompt files replaced, by prompt name (`classify` → a file).
    public var promptFiles: [String: String] = [:]
    /// Where replies come from; nil keeps the base's.
    public var replies: ReplySource?

    /// The keys a SPEC accepts.
    public static let keys = ["model", "rules", "prompts", "prompt", "replies"]

    /// Creates a variant that changes nothing.
    public init(name: String) { self.name = name }

    /// Reads `NAME=SPEC`; the error says what was expected.
    public init(parsing text: String) throws(VariantSpecError) {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
            throw VariantSpecError("expected NAME=SPEC, such as candidate=model:gpt-4o-mini")
        }
        name = String(text[..<equals])
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }) else {
            throw VariantSpecError("invalid variant name \"\(name)\"; expected letters, digits, -, _ or .")
        }
        for part in text[text.index(after: equals)...].split(separator: ",") {
            guard let colon = part.firstIndex(of: ":"), Self.keys.contains(String(part[..<colon])) else {
                throw VariantSpecError("unknown setting \"\(part)\"; expected key:value with a key of: \(Self.keys.joined(separator: ", "))")
            }
            let key = String(part[..<colon])
            let value = String(part[part.index(after: colon)...])
            guard !value.isEmpty else { throw VariantSpecError("\(key): has no value") }
            switch key {
            case "model": model = value
            case "rules": rules = value
            case "prompts": prompts = value
            case "prompt":
                let pieces = value.split(separator: "=", maxSplits: 1).map(String.init)
                guard pieces.count == 2, !pieces[0].isEmpty, !pieces[1].isEmpty else {
                    throw VariantSpecError("prompt:\(value): expected prompt:NAME=FILE, such as prompt:classify=classify-v2.yaml")
                }
                promptFiles[pieces[0]] = pieces[1]
            default:
                guard let source = ReplySource(rawValue: value) else {
                    throw VariantSpecError("replies:\(value): expected one of: \(ReplySource.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                replies = source
            }
        }
    }
}

