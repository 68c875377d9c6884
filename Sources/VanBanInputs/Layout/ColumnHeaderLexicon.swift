/// The names a table's columns go by ("STT", "Nội dung", "Đơn vị chủ trì" and their
/// variants), as the parser's grammar knows them. The layout builder asks it whether a row
/// of cells is a header — a header says where a table starts and which columns a continued
/// table keeps — without knowing any Vietnamese word itself.
public protocol ColumnHeaderLexicon: Sendable {
  /// Whether the cell names a column.
  func isColumnName(_ cell: String) -> Bool
}

/// Knows no column names: every header is judged by geometry alone.
public struct NoColumnNames: ColumnHeaderLexicon {
  public init() {}
  public func isColumnName(_ cell: String) -> Bool { false }
}

extension ColumnHeaderLexicon {
  /// Whether a row of cells is a table's header: two of its cells name columns.
  public func isHeader(_ cells: [String]) -> Bool {
    var known = 0
    for cell in cells where isColumnName(cell) {
      known += 1
      if known == 2 { return true }
    }
    return false
  }
}
