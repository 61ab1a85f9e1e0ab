import Foundation
import TriageEngine

/// Turns a customer's name into a stable pseudonym with a keyed hash (HMAC-SHA-256): the same name and key
/// always give the same pseudonym, and the pseudonym holds nothing from which the name could be read back.
public struct Pseudonymizer: Sendable {
    /// What every pseudonym starts with, e.g. `Customer-`.
    public let prefix: String
    private let key: [UInt8]

    /// Creates a pseudonymizer with a secret key.
    public init(prefix: String, key: String) {
        self.prefix = prefix
        self.key = Array(key.utf8)
    }

    /// The pseudonym of a name: the prefix and the first 8 hex digits of HMAC-SHA-256(key, normalised name).
    /// Names are normalised by trimming, folding case and collapsing spaces, so "dana  k." and "Dana K." agree.
    public func pseudonym(for name: String) -> String {
        let normalised = name.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let digest = Self.hmac(key: key, message: Array(normalised.utf8))
        return prefix + digest.prefix(4).map { String(format: "%02x", $0) }.joined()
    }

    /// The stand-in for an identifier that holds personal data (a conversation id made of an e-mail address):
    /// `kind-` and the first 16 hex digits of HMAC-SHA-256(key, kind and the exact identifier), so the same
    /// identifier always gets the same stand-in (a re-import still knows it) and nothing of it can be read back.
    public func pseudonym(forIdentifier identifier: String, kind: String) -> String {
        let digest = Self.hmac(key: key, message: Array((kind + "\u{1F}" + identifier).utf8))
        return kind + "-" + digest.prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    /// HMAC-SHA-256 (RFC 2104).
    static func hmac(key: [UInt8], message: [UInt8]) -> [UInt8] {
        let blockSize = 64
        var block = key.count > blockSize ? SHA256.digest(Data(key)) : key
        block += [UInt8](repeating: 0, count: blockSize - block.count)
        let inner = SHA256.digest(Data(block.map { $0 ^ 0x36 } + message))
        return SHA256.digest(Data(block.map { $0 ^ 0x5c } + inner))
    }
}
