/// A table row as WordprocessingML writes it, before merges are resolved.
struct WordRow: Equatable {
  /// `w:gridBefore`: grid columns left empty before the first cell.
  var gridBefore = 0
  var cells: [WordCell] = []
}

/// A cell as WordprocessingML writes it.
struct WordCell: Equatable {
  enum Merge: Equatable {
    case none
    /// `w:vMerge w:val="restart"`: a vertically merged cell starts here.
    case restart
    /// `w:vMerge` (or `w:val="continue"`): the place below a merged cell.
    case continuation
    /// Word 97's `w:hMerge` continuation: this place belongs to the cell on its left.
    case horizontalContinuation
  }

  var text: String
  /// `w:gridSpan`.
  var gridSpan = 1
  var merge = Merge.none
  var page: Int
}

/// Word's merges turned into spans: a `vMerge` restart cell gets a `rowSpan` counting the
/// continuation cells below it in the same grid column, and each continuation stays in its row
/// as a covered place, so every row still adds up to the grid.
enum WordTable {
  /// Spans past this are a damaged file's numbers, not a table's.
  static let maxSpan = 1_000

  static func resolve(_ rows: [WordRow], location: SourceLocation) -> [[SourceCell]] {
    var out: [[SourceCell]] = []
    /// Grid column → the open merged cell starting there (row and index in it).
    var open: [Int: (row: Int, index: Int)] = [:]
    for (r, row) in rows.enumerated() {
      var cells: [SourceCell] = []
      var stillOpen: [Int: (row: Int, index: Int)] = [:]
      var column = min(max(row.gridBefore, 0), maxSpan)
      // An empty place keeps the row's cells in their grid columns.
      if column > 0 { cells.append(SourceCell(text: "", colSpan: column, location: location)) }
      for cell in row.cells {
        let span = min(max(cell.gridSpan, 1), maxSpan)
        var here = location
        here.page = cell.page
        switch cell.merge {
        case .continuation where open[column] != nil:
          let owner = open[column]!
          if owner.row < out.count { out[owner.row][owner.index].rowSpan += 1 }
          cells.append(SourceCell(text: "", colSpan: span, isCovered: true, location: here))
          stillOpen[column] = owner
        case .horizontalContinuation where cells.last.map { !$0.isCovered } == true:
          cells[cells.count - 1].colSpan += span
        default:
          cells.append(SourceCell(text: cell.text, colSpan: span, location: here))
          if cell.merge == .restart { stillOpen[column] = (r, cells.count - 1) }
        }
        column += span
      }
      // A merge runs only through consecutive rows that continue it.
      open = stillOpen
      out.append(cells)
    }
    return out
  }

  /// A nested table as text inside its cell: a row per line, cells parted by tabs.
  static func text(of rows: [[SourceCell]]) -> String {
    rows.map { row in
      row.filter { !$0.isCovered }.map { $0.text.replacingNewlines }.joined(separator: "\t")
    }.joined(separator: "\n")
  }
}

extension String {
  fileprivate var replacingNewlines: String {
    String(map { $0 == "\n" ? " " : $0 })
  }
}
