import Foundation

/// A read-only map from ASCII words to their positions in a key list, looked up by UTF-8 bytes with a cheap
/// hash (FNV-1a) and open addressing: the per-token lookups of phrase matching without Swift's seeded
/// `String` hashing, which profiles showed as a tenth of the engine's time.
///
/// Only ASCII keys are stored and only ASCII words may be looked up; callers keep their dictionaries for
/// other words. For an ASCII word the answer is the dictionary's: two ASCII strings are equal exactly when
/// their bytes are, and ``init(keys:)`` refuses (nil) a key list holding a non-ASCII key canonically
/// equivalent to an ASCII word (which `String` equality would find and bytes would not).
struct ASCIIWordTable: Sendable {
    private let keyBytes: [UInt8]
    /// Where key `i` starts in ``keyBytes``; key `i` ends where key `i + 1` starts.
    private let keyStarts: [Int]
    /// Open-addressed slots (a power of two of them): a key's position, or -1 for an empty slot.
    private let slots: [Int]
    private let mask: Int

    /// Indexes the ASCII keys by their position in `keys`; nil when a non-ASCII key equals an ASCII word.
    init?(keys: [String]) {
        var bytes: [UInt8] = []
        var starts: [Int] = []
        var capacity = 8
        while capacity < keys.count * 2 { capacity *= 2 }
        var slots = [Int](repeating: -1, count: capacity)
        for (position, key) in keys.enumerated() {
            starts.append(bytes.count)
            let utf8 = Array(key.utf8)
            guard utf8.allSatisfy({ $0 < 0x80 }) else {
                // Equal as a String to an ASCII word only when its canonical composition is ASCII.
                if key.precomposedStringWithCanonicalMapping.utf8.allSatisfy({ $0 < 0x80 }) { return nil }
                continue
            }
            bytes.append(contentsOf: utf8)
            var slot = utf8.withUnsafeBufferPointer(Self.hash) & (capacity - 1)
            while slots[slot] >= 0 { slot = (slot + 1) & (capacity - 1) }
            slots[slot] = position
        }
        starts.append(bytes.count)
        keyBytes = bytes
        keyStarts = starts
        self.slots = slots
        mask = capacity - 1
    }

    /// The position of the key with exactly these bytes (an ASCII word), if any.
    func position(of word: UnsafeBufferPointer<UInt8>) -> Int? {
        var slot = Self.hash(word) & mask
        return keyBytes.withUnsafeBufferPointer { keys in
            while true {
                let position = slots[slot]
                if position < 0 { return nil }
                let start = keyStarts[position]
                let end = keyStarts[position + 1]
                if end - start == word.count && (word.count == 0 || memcmp(keys.baseAddress! + start, word.baseAddress!, word.count) == 0) {
                    return position
                }
                slot = (slot + 1) & mask
            }
        }
    }

    /// FNV-1a over the bytes (keys and words are short; no seed needed, the keys are the policy's own).
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return Int(truncatingIfNeeded: hash ^ (hash >> 29))
    }

    /// Whether all bytes are ASCII.
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes where byte >= 0x80 { return false }
        return true
    }
}
