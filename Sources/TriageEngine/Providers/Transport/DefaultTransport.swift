import Foundation

/// Chooses the HTTP transport model calls go through.
///
/// On Linux the default is ``CurlTransport`` when libcurl loads (URLSession spins a core while it waits),
/// else ``URLSessionTransport``; elsewhere it is ``URLSessionTransport``. The environment variable
/// `TRIAGE_EVAL_TRANSPORT` (`curl` or `urlsession`) overrides the choice.
public enum DefaultTransport {
    /// The transports there are to choose from.
    public enum Kind: String, CaseIterable, Sendable {
        /// Foundation's `URLSession`.
        case urlSession = "urlsession"
        /// libcurl's multi interface on a thread of its own.
        case curl
    }

    /// The environment variable that names a transport.
    public static let environmentVariable = "TRIAGE_EVAL_TRANSPORT"

    /// The transport `environment` asks for, or the platform's default when it names none.
    /// - Throws: ``TransportSetupError`` when the variable names no known transport.
    public static func kind(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Kind {
        let value = (environment[environmentVariable] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        if value.isEmpty {
            #if os(Linux)
            return CurlTransport.isAvailable ? .curl : .urlSession
            #else
            return .urlSession
            #endif
        }
        guard let kind = Kind(rawValue: value) else {
            throw TransportSetupError("\(environmentVariable)=\(environment[environmentVariable] ?? "") names no transport; expected one of: "
                                      + Kind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return kind
    }

    /// A new transport of the kind ``kind(environment:)`` chooses.
    /// - Throws: ``TransportSetupError`` for an unknown name, or when `curl` is asked for and libcurl cannot be loaded.
    public static func make(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> any HTTPTransport {
        try make(try kind(environment: environment))
    }

    /// A new transport of `kind`.
    /// - Throws: ``TransportSetupError`` when `kind` is `curl` and libcurl cannot be loaded.
    public static func make(_ kind: Kind) throws -> any HTTPTransport {
        switch kind {
        case .urlSession: return URLSessionTransport()
        case .curl: return try CurlTransport()
        }
    }
}
