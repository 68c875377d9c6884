/// HTML's table model turned into `SourceTable` rows, as `WordTable` does for Word's merges: a
/// cell with `colspan` is one cell with that column span; a cell with `rowspan` is one cell with
/// its row span, and each row below it holds a covered place (`isCovered`, same column span) in
/// its column, so every row still adds up to the grid.
///
/// Cells are placed as browsers place them: each in the first column of its row not taken by a
/// cell spanning down from above. `rowspan="0"` and spans past the last row stop at the last
/// row; `colspan` is 1…1000 and `rowspan` 0…65534, as the HTML standard bounds them.
enum HTMLTableGrid {
  struct Cell: Equatable {
    var text: String
    var colspan = 1
    var rowspan = 1
    /// The line its text starts on (of its tag when empty).
    var line: Int
  }

  struct Row: Equatable {
    var cells: [Cell] = []
    /// The line of its `<tr>`: where places covered from above point.
    var line: Int
  }

  static let maxColspan = 1_000
  static let maxRowspan = 65_534

  static func resolve(_ rows: [Row]) -> [[SourceCell]] {
    var out: [[SourceCell]] = []
    /// Start column → the cell spanning down there: the row after its last, and its width.
    var spanning: [Int: (until: Int, width: Int)] = [:]
    for (r, row) in rows.enumerated() {
      spanning = spanning.filter { $0.value.until > r }
      var cells: [SourceCell] = []
      var column = 0
      var queue = row.cells[...]
      let covered = SourceLocation(line: row.line)
      while true {
        // Places taken from above come first.
        while let s = spanning[column] {
          cells.append(SourceCell(text: "", colSpan: s.width, isCovered: true, location: covered))
          column += s.width
        }
        guard let cell = queue.popFirst() else { break }
        let width = min(max(cell.colspan, 1), maxColspan)
        let rowsLeft = rows.count - r
        let height = cell.rowspan <= 0 ? rowsLeft : min(cell.rowspan, maxRowspan, rowsLeft)
        cells.append(SourceCell(
          text: cell.text, rowSpan: height, colSpan: width, location: SourceLocation(line: cell.line)))
        if height > 1 { spanning[column] = (r + height, width) }
        column += width
      }
      // Places taken from above past the row's own cells, with empty places before them so
      // they stay in their columns.
      for start in spanning.keys.sorted() where start >= column {
        if start > column { cells.append(SourceCell(text: "", colSpan: start - column, location: covered)) }
        let s = spanning[start]!
        cells.append(SourceCell(text: "", colSpan: s.width, isCovered: true, location: covered))
        column = start + s.width
      }
      out.append(cells)
    }
    return out
  }
}
