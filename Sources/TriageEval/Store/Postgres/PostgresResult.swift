import CLibPQ
import Foundation
import GRDB

/// The rows a statement returned, read as GRDB `DatabaseValue`s by column type: integers and booleans as
/// integers, floating point as doubles, `BYTEA` as blobs, timestamps as GRDB's UTC date text, the rest as
/// text. Owns its libpq result.
final class PostgresResult {
    private let result: OpaquePointer
    private let server: String
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
