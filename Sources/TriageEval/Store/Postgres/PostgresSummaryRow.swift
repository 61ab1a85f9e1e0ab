/// A row of a libpq result selected with ``PostgresStore/summaryColumns`` (``ResultSummaryColumn``'s order),
/// read by position straight from the result's bytes: no `DatabaseValue`, no `Row`, no lookup by name.
struct PostgresSummaryRow: ResultSummaryRow {
    /// The rows.
    let result: PostgresResult
    /// The row's index.
    let index: Int

    /// A text column's value.
    @inline(__always)
    func text(_ column: ResultSummaryColumn) -> String? { result.text(index, column.rawValue) }

    /// An integer column's value.
    @inline(__always)
    func integer(_ column: ResultSummaryColumn) -> Int? { result.integer(index, column.rawValue) }

    /// A floating-point column's value.
    @inline(__always)
    func real(_ column: ResultSummaryColumn) -> Double? { result.real(index, column.rawValue) }

    /// A boolean column's value.
    @inline(__always)
    func flag(_ column: ResultSummaryColumn) -> Bool? { result.flag(index, column.rawValue) }
}
