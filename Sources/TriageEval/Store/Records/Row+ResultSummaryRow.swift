import GRDB

extension Row: ResultSummaryRow {
    /// A text column of a summary row, through GRDB's fast path for values SQLite hands over without a
    /// `DatabaseValue` (without it a million-result report took 45% more CPU).
    @inline(__always)
    func text(_ column: ResultSummaryColumn) -> String? { self[column.rawValue] }

    /// An integer column of a summary row.
    @inline(__always)
    func integer(_ column: ResultSummaryColumn) -> Int? { self[column.rawValue] }

    /// A floating-point column of a summary row.
    @inline(__always)
    func real(_ column: ResultSummaryColumn) -> Double? { self[column.rawValue] }

    /// A boolean column of a summary row.
    @inline(__always)
    func flag(_ column: ResultSummaryColumn) -> Bool? { self[column.rawValue] }
}
