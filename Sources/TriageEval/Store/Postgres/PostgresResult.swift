import CLibPQ
import Foundation
import GRDB

/// The rows a statement returned, read as GRDB `DatabaseValue`s by column type: integers and booleans as
/// integers, floating point as doubles, `BYTEA` as blobs, timestamps as GRDB's UTC date text, the rest as
/// text. Owns its libpq result.
///
/// Rows come in PostgreSQL's text form, or in its binary form when fetched with `binary` (the cursor reads of
/// ``PostgresConnection/forEachBatch(_:_:batchSize:_:)``): numbers and booleans then arrive as fixed-width
/// big-endian values, so a million rows are read without parsing digits. The typed readers
/// (``text(_:_:)``, ``integer(_:_:)``, ``real(_:_:)``, ``flag(_:_:)``) read either form without building a
/// `DatabaseValue` or a `Row`.
final class PostgresResult {
    private let result: OpaquePointer
    private let server: String
    /// Whether the values are in binary form (timestamps and `NUMERIC` are not read in it: binary results are
    /// fetched only over the result table, whose columns are text, integers, booleans and doubles).
    let binary: Bool
    /// Number of rows.
    let rowCount: Int
    /// Number of columns.
    let columnCount: Int
    /// Column names, in select order.
    let columnNames: [String]
    private let types: [UInt32]

    init(_ result: OpaquePointer, server: String) {
        self.result = result
        self.server = server
        binary = PQnfields(result) > 0 && PQfformat(result, 0) == 1
        rowCount = Int(PQntuples(result))
        columnCount = Int(PQnfields(result))
        columnNames = (0..<columnCount).map { String(cString: PQfname(result, Int32($0))) }
        types = (0..<columnCount).map { PQftype(result, Int32($0)) }
    }

    deinit { PQclear(result) }

    /// Rows an `INSERT`, `UPDATE` or `DELETE` touched.
    var affectedRows: Int { Int(String(cString: PQcmdTuples(result))) ?? 0 }

    /// The value at a row and column.
    func value(_ row: Int, _ column: Int) -> DatabaseValue {
        let r = Int32(row), c = Int32(column)
        if PQgetisnull(result, r, c) != 0 { return .null }
        guard let pointer = PQgetvalue(result, r, c) else { return .null }
        let length = Int(PQgetlength(result, r, c))
        let bytes = UnsafeRawBufferPointer(start: pointer, count: length)
        if binary { return Self.binaryValue(bytes, type: types[column]) }
        switch types[column] {
        case 16: return (bytes.first == UInt8(ascii: "t") ? Int64(1) : Int64(0)).databaseValue
        case 20, 21, 23, 26: return (Int64(String(decoding: bytes, as: UTF8.self)) ?? 0).databaseValue
        case 700, 701, 1700: return (Double(String(decoding: bytes, as: UTF8.self)) ?? .nan).databaseValue
        case 17: return Self.bytea(bytes).databaseValue
        case 1114, 1184:
            // `2023-11-14 22:13:20.123+00` (the session is UTC) → `2023-11-14 22:13:20.123`, GRDB's form.
            var text = String(decoding: bytes, as: UTF8.self)
            if text.hasSuffix("+00") { text.removeLast(3) }
            return text.databaseValue
        default: return String(decoding: bytes, as: UTF8.self).databaseValue
        }
    }

    /// A value in binary form: big-endian integers and IEEE floating point, `BYTEA` as it is, the rest as text.
    private static func binaryValue(_ bytes: UnsafeRawBufferPointer, type: UInt32) -> DatabaseValue {
        switch type {
        case 16: return (bytes.first == 0 ? Int64(0) : Int64(1)).databaseValue
        case 20, 21, 23: return Int64(bigEndianBytes: bytes).databaseValue
        case 26: return Int64(UInt64(bitPattern: Int64(bigEndianBytes: bytes)) & 0xffff_ffff).databaseValue
        case 700, 701: return Double(bigEndianBytes: bytes).databaseValue
        case 17: return Data(bytes).databaseValue
        default: return String(decoding: bytes, as: UTF8.self).databaseValue
        }
    }

    /// The bytes of a value, nil for NULL.
    @inline(__always)
    private func bytes(_ row: Int, _ column: Int) -> UnsafeRawBufferPointer? {
        let r = Int32(row), c = Int32(column)
        if PQgetisnull(result, r, c) != 0 { return nil }
        guard let pointer = PQgetvalue(result, r, c) else { return nil }
        return UnsafeRawBufferPointer(start: pointer, count: Int(PQgetlength(result, r, c)))
    }

    /// A text value (any column read as its text), nil for NULL.
    func text(_ row: Int, _ column: Int) -> String? {
        bytes(row, column).map { String(decoding: $0, as: UTF8.self) }
    }

    /// An integer column's value, nil for NULL.
    func integer(_ row: Int, _ column: Int) -> Int? {
        guard let bytes = bytes(row, column) else { return nil }
        if binary { return Int(Int64(bigEndianBytes: bytes)) }
        var value = 0
        var negative = false
        for byte in bytes {
            if byte == UInt8(ascii: "-") { negative = true } else { value = value &* 10 &+ Int(byte &- UInt8(ascii: "0")) }
        }
        return negative ? 0 &- value : value
    }

    /// A floating-point column's value, nil for NULL.
    func real(_ row: Int, _ column: Int) -> Double? {
        guard let bytes = bytes(row, column) else { return nil }
        if binary { return Double(bigEndianBytes: bytes) }
        return Double(String(decoding: bytes, as: UTF8.self)) ?? .nan
    }

    /// A boolean column's value, nil for NULL.
    func flag(_ row: Int, _ column: Int) -> Bool? {
        guard let bytes = bytes(row, column) else { return nil }
        return binary ? bytes.first != 0 : bytes.first == UInt8(ascii: "t")
    }

    /// A typed value at a row and column (nil for NULL or a value of another type).
    func get<Value: DatabaseValueConvertible>(_ row: Int, _ column: Int, as type: Value.Type = Value.self) -> Value? {
        Value.fromDatabaseValue(value(row, column))
    }

    /// A row as a GRDB row, by column name (for the records' `FetchableRecord` decoding).
    func row(_ index: Int) -> Row {
        var values: [String: (any DatabaseValueConvertible)?] = [:]
        values.reserveCapacity(columnCount)
        for column in 0..<columnCount { values[columnNames[column]] = value(index, column) }
        return Row(values)
    }

    /// Every row decoded as a record.
    func records<Record: FetchableRecord>(_ type: Record.Type) throws -> [Record] {
        try (0..<rowCount).map { try Record(row: row($0)) }
    }

    /// The first column of every row.
    func column<Value: DatabaseValueConvertible>(_ type: Value.Type) -> [Value] {
        (0..<rowCount).compactMap { get($0, 0, as: type) }
    }

    /// `\x0a1b…` (PostgreSQL's hex output of `BYTEA`) as bytes.
    private static func bytea(_ bytes: UnsafeRawBufferPointer) -> Data {
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "\\"), bytes[1] == UInt8(ascii: "x") else { return Data(bytes) }
        func nibble(_ c: UInt8) -> UInt8 {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
            default: return c - UInt8(ascii: "A") + 10
            }
        }
        var data = Data(capacity: (bytes.count - 2) / 2)
        var index = 2
        while index + 1 < bytes.count {
            data.append(nibble(bytes[index]) << 4 | nibble(bytes[index + 1]))
            index += 2
        }
        return data
    }
}

extension Int64 {
    /// A big-endian signed integer of 2, 4 or 8 bytes (PostgreSQL's binary `int2`, `int4`, `int8`).
    fileprivate init(bigEndianBytes bytes: UnsafeRawBufferPointer) {
        var value: UInt64 = 0
        for byte in bytes { value = value << 8 | UInt64(byte) }
        let unused = UInt64(Swift.max(0, 8 - bytes.count) * 8)
        // Sign-extends the narrower widths.
        self = unused == 0 ? Int64(bitPattern: value) : Int64(bitPattern: value << unused) >> unused
    }
}

extension Double {
    /// A big-endian IEEE 754 value of 4 or 8 bytes (PostgreSQL's binary `float4`, `float8`).
    fileprivate init(bigEndianBytes bytes: UnsafeRawBufferPointer) {
        var bits: UInt64 = 0
        for byte in bytes { bits = bits << 8 | UInt64(byte) }
        self = bytes.count == 4 ? Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits))) : Double(bitPattern: bits)
    }
}
