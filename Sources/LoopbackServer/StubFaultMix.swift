import Foundation

/// A seeded random mix of faults a provider stub applies to the requests no scripted fault covers, for
/// fault-injection runs: each request independently gets a 429, a 500, a reset, a truncated body or its
/// normal answer, with the given shares. The draws follow arrival order from `seed`, so the same sequence of
/// requests meets the same faults.
public struct StubFaultMix: Sendable, Equatable {
    /// Share of requests answered 429 Too Many Requests.
    public var rateLimited: Double
    /// Share of requests answered 500 Internal Server Error.
    public var serverError: Double
    /// Share of requests whose connection is reset without an answer.
    public var reset: Double
    /// Share of requests whose 200 body is cut short: alternately cut mid-stream with the connection closed
    /// (``StubFault/truncated``) and sent whole but ending inside the JSON (``StubFault/malformedJSON``).
    public var truncated: Double
    /// Seeds the draws.
    public var seed: UInt64

    /// Creates a mix; the shares are clamped so that together they are at most 1.
    public init(rateLimited: Double = 0, serverError: Double = 0, reset: Double = 0, truncated: Double = 0, seed: UInt64 = 1) {
        self.rateLimited = max(0, rateLimited)
        self.serverError = max(0, serverError)
        self.reset = max(0, reset)
        self.truncated = max(0, truncated)
        self.seed = seed
    }

    /// The fault for the `index`-th draw (0-based), or nil for the normal answer.
    public func fault(at index: Int) -> StubFault? {
        var state = seed &+ UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15
        let unit = Double(Self.splitMix(&state) >> 11) * 0x1p-53
        var edge = rateLimited
        if unit < edge { return .status(429) }
        edge += serverError
        if unit < edge { return .status(500) }
        edge += reset
        if unit < edge { return .reset }
        edge += truncated
        if unit < edge { return Self.splitMix(&state) & 1 == 0 ? .truncated : .malformedJSON }
        return nil
    }

    private static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
