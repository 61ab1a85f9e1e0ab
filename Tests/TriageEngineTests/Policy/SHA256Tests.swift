import Foundation
import Testing
@testable import TriageEngine

@Suite("SHA-256")
struct SHA256Tests {
    // Vectors from FIPS 180-4 examples and `printf … | sha256sum`.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ] + Self.blockBoundaries)
    func knownVectors(input: String, digest: String) {
        #expect(SHA256.hex(input) == digest)
    }

    /// Lengths around the block and padding boundaries (whole blocks are hashed in place, the rest padded in a
    /// buffer): `head -c N /dev/zero | tr '\0' x | sha256sum`.
    static let blockBoundaries: [(String, String)] = [
        (String(repeating: "x", count: 55), "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072"),
        (String(repeating: "x", count: 56), "04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e"),
        (String(repeating: "x", count: 63), "75220b47218278e656f2013bb8f0c455a25eaf01e86c64924e9d48d89776d6f2"),
        (String(repeating: "x", count: 64), "7ce100971f64e7001e8fe5a51973ecdfe1ced42befe7ee8d5fd6219506b5393c"),
        (String(repeating: "x", count: 65), "9537c5fdf120482f7d58d25e9ed583f52c02b4e304ea814db1633ad565aed7e9"),
        (String(repeating: "x", count: 119), "000b48d4edf0fa7bee3c6236ecd2785baa5db4eeb8bb54341b029e0d9fa5fb0c"),
        (String(repeating: "x", count: 128), "24da1b81d0b16df6428eee73c69fcb2a93c76bc6df706f0c6670fe6bfe800464"),
    ]

    /// A file's digest is that of its bytes whether it is hashed at once (small) or on its own thread while the
    /// file is parsed (from ``YAMLFile``'s 1 MiB): `python3 -c 'import hashlib; …'` of the same bytes.
    @Test(arguments: [
        ("text: short\n", "dd1d956d510d6bbcc463bdb0145ebb1ea340d15572de77821973e97af2554477"),
        ("text: \"" + String(repeating: "x", count: 1 << 20) + "\"\n", "a75c9a10b8bf853ab289e9a25652d319f7f97fc3cc28411c1d892b2f0e31b3e9"),
    ])
    func aReadFilesDigestIsItsBytes(text: String, digest: String) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sha256-\(UUID().uuidString).yaml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let file = try YAMLFile.read(path: path)
        #expect(file.sha256 == digest)
        #expect(YAMLFile(path: "t.yaml", text: text).sha256 == digest)
    }

    @Test func millionAs() {
        #expect(SHA256.hex(String(repeating: "a", count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
