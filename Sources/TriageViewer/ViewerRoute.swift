import Foundation

/// A page of the viewer, parsed from a request target (`/runs/12?x=y`) and turned back into one for links.
public enum ViewerRoute: Sendable, Equatable {
    /// `/`: the runs, newest first, narrowed by a filter.
    case runs(RunFilter)
    /// `/runs/ID`: a run's report.
    case run(Int64)
    /// `/compare?a=ID&b=ID`: two runs compared, A the reference.
    case compare(a: Int64, b: Int64)
    /// `/drift/SUITE`: a suite's drift over its completed runs.
    case drift(suite: String)
    /// `/runs/ID/scenarios/SUITE/SCENARIO[?repeat=N]`: one scenario run in full.
    case scenario(run: Int64, suite: String, scenario: String, repeatIndex: Int)
    /// A request the viewer cannot serve: no such page (404) or a malformed parameter (400), with the reason.
    case invalid(status: Int, reason: String)

    /// Parses a request target: a path with an optional query, percent-encoded.
    public init(target: String) {
        guard let components = URLComponents(string: target.hasPrefix("/") ? target : "/" + target) else {
            self = .invalid(status: 400, reason: "the address is not a valid URL path")
            return
        }
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] where query[item.name] == nil { query[item.name] = item.value ?? "" }
        // `percentEncodedPath` splits before decoding, so an encoded `/` stays inside its segment.
        let segments = components.percentEncodedPath.split(separator: "/", omittingEmptySubsequences: true)
            .map { String($0).removingPercentEncoding ?? String($0) }
        self = Self.route(segments, query: query)
    }

    static func route(_ segments: [String], query: [String: String]) -> ViewerRoute {
        switch segments.count {
        case 0:
            return .runs(RunFilter(suite: query["suite"].nonEmpty, model: query["model"].nonEmpty, status: query["status"].nonEmpty))
        case 1 where segments[0] == "compare":
            guard let a = query["a"], let b = query["b"] else {
                return .invalid(status: 400, reason: "compare needs two runs: /compare?a=RUN&b=RUN")
            }
            guard let idA = runID(a) else { return .invalid(status: 400, reason: "run A must be a run number, got \"\(a)\"") }
            guard let idB = runID(b) else { return .invalid(status: 400, reason: "run B must be a run number, got \"\(b)\"") }
            return .compare(a: idA, b: idB)
        case 2 where segments[0] == "drift":
            return .drift(suite: segments[1])
        case 2 where segments[0] == "runs":
            guard let id = runID(segments[1]) else { return .invalid(status: 404, reason: "no run \"\(segments[1])\": runs are numbered") }
            return .run(id)
        case 5 where segments[0] == "runs" && segments[2] == "scenarios":
            guard let id = runID(segments[1]) else { return .invalid(status: 404, reason: "no run \"\(segments[1])\": runs are numbered") }
            var repeatIndex = 0
            if let text = query["repeat"] {
                guard let value = Int(text), value >= 0 else {
                    return .invalid(status: 400, reason: "repeat must be a number from 0, got \"\(text)\"")
                }
                repeatIndex = value
            }
            return .scenario(run: id, suite: segments[3], scenario: segments[4], repeatIndex: repeatIndex)
        default:
            return .invalid(status: 404, reason: "no page at /" + segments.joined(separator: "/"))
        }
    }

    /// A positive run number.
    static func runID(_ text: String) -> Int64? {
        guard let id = Int64(text), id > 0 else { return nil }
        return id
    }

    /// The route as a request target, percent-encoded, for links.
    public var target: String {
        switch self {
        case .runs(let filter):
            let items = [("suite", filter.suite), ("model", filter.model), ("status", filter.status)].compactMap { name, value in
                value.map { name + "=" + Self.encode($0) }
            }
            return items.isEmpty ? "/" : "/?" + items.joined(separator: "&")
        case .run(let id):
            return "/runs/\(id)"
        case .compare(let a, let b):
            return "/compare?a=\(a)&b=\(b)"
        case .drift(let suite):
            return "/drift/" + Self.encode(suite)
        case .scenario(let run, let suite, let scenario, let repeatIndex):
            return "/runs/\(run)/scenarios/\(Self.encode(suite))/\(Self.encode(scenario))" + (repeatIndex > 0 ? "?repeat=\(repeatIndex)" : "")
        case .invalid:
            return "/"
        }
    }

    /// Percent-encodes a path segment or query value: everything but unreserved characters.
    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

extension Optional where Wrapped == String {
    /// nil for nil or an empty string.
    var nonEmpty: String? {
        guard let self, !self.isEmpty else { return nil }
        return self
    }
}
