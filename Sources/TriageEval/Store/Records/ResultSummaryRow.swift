/// A row of ``ResultSummaryColumn/selection`` read by position: a GRDB row on SQLite, a row of a libpq result
/// on PostgreSQL (``PostgresSummaryRow``). Each reader is nil for NULL.
protocol ResultSummaryRow {
    /// A text column's value.
    func text(_ column: ResultSummaryColumn) -> String?
    /// An integer column's value.
    func integer(_ column: ResultSummaryColumn) -> Int?
    /// A floating-point column's value.
    func real(_ column: ResultSummaryColumn) -> Double?
    /// A boolean column's value.
    func flag(_ column: ResultSummaryColumn) -> Bool?
}
