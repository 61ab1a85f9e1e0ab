/// Errors for text that is not UTF-8.
extension LoadError {
    /// An error at the first byte of `bytes` that is not UTF-8, naming that byte. `bytes` start at line
    /// `firstLine` of the file (a JSON Lines reader passes one line); the line is quoted with the bad bytes
    /// shown as U+FFFD. Returns nil when every byte is UTF-8.
    public static func invalidUTF8<Bytes: Collection>(file: String, bytes: Bytes, firstLine: Int = 1) -> LoadError? where Bytes.Element == UInt8 {
        var valid = 0
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        decoding: while true {
            switch decoder.decode(&iterator) {
            case let .scalarValue(scalar): valid += UTF8.width(scalar)
            case .emptyInput: return nil
            case .error: break decoding
            }
        }
        let prefix = String(decoding: bytes.prefix(valid), as: UTF8.self)
        let lines = prefix.split(separator: "\n", omittingEmptySubsequences: false)
        let column = (lines.last?.unicodeScalars.count ?? 0) + 1
        let byte = String(bytes.dropFirst(valid).first ?? 0, radix: 16, uppercase: true)
        let source = String(repeating: "\n", count: firstLine - 1) + String(decoding: bytes, as: UTF8.self)
        return LoadError(file: file, line: firstLine + lines.count - 1, column: column,
                         message: "invalid UTF-8 (byte 0x\(byte.count == 1 ? "0" + byte : byte)); expected UTF-8 text", source: source)
    }
}
