/// Tables a converter wrote one cell per line, each cell closed by a line holding a lone `|`
/// and each row by two such lines in a row (portal pages turned into markdown):
///
///     |
///     ỦY BAN NHÂN DÂN
///     THÀNH PHỐ HÀ NỘI
///     |
///     CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
///     |
///     |
///     Số: 308/KH-UBND
///     |
///
/// Each row becomes one tab row on its first line (a cell's lines joined by spaces), and the
/// other lines of the row become blank, so heads, footers and annex tables written so are
/// read as the rows they are. A table ends at a lone `|` followed by a blank line.
enum PipeCellTable {
  static let longestCellLines = 15

  /// Lines after `j` before the next lone pipe (counted up to one past the limit).
  private static func linesUntilPipe(after j: Int, _ raw: [Substring]) -> Int {
    var n = 0
    var k = j + 1
    while k < raw.count, !isPipe(raw[k]), n <= longestCellLines {
      n += 1
      k += 1
    }
    return n
  }

  /// Rewrites `texts` (cleaned lines, one per input line) where `raw` holds such tables.
  static func fold(raw: [Substring], texts: inout [String]) {
    var k = 0
    while k < raw.count {
      guard isPipe(raw[k]), k + 1 < raw.count, !isBlank(raw[k + 1]) else {
        k += 1
        continue
      }
      k = foldTable(from: k, raw: raw, texts: &texts)
    }
  }

  /// Reads one table from the lone `|` at `start`; returns the index after it.
  private static func foldTable(from start: Int, raw: [Substring], texts: inout [String]) -> Int {
    var rows: [(first: Int, cells: [String])] = []
    var cells: [String] = []
    var cell: [String] = []
    var rowFirst: Int?
    var pipes = 0
    var j = start
    var previousWasPipe = false
    var cellLines = 0
    var longestCell = 0
    while j < raw.count {
      if isPipe(raw[j]) {
        pipes += 1
        if previousWasPipe {
          // Two pipes in a row close the row.
          if let f = rowFirst, !cells.isEmpty { rows.append((f, cells)) }
          cells = []
          rowFirst = nil
        } else if j > start {
          cells.append(joinCellLines(cell))
          cell = []
          longestCell = max(longestCell, cellLines)
          cellLines = 0
        }
        previousWasPipe = true
        // A pipe followed by a blank line (or the end) closes the table; so does one followed
        // by more lines than a cell holds before the next pipe: that is the document's text.
        if j + 1 >= raw.count || isBlank(raw[j + 1]) || linesUntilPipe(after: j, raw) > Self.longestCellLines {
          if let f = rowFirst, !cells.isEmpty {
            rows.append((f, cells))
            cells = []
            rowFirst = nil
          }
          j += 1
          break
        }
      } else {
        previousWasPipe = false
        if rowFirst == nil { rowFirst = j }
        cellLines += 1
        let t = texts[j]
        if !t.isEmpty { cell.append(t) }
      }
      j += 1
    }
    if !cell.isEmpty { cells.append(joinCellLines(cell)) }
    if let f = rowFirst, !cells.isEmpty { rows.append((f, cells)) }
    // Only a real table: three pipes at least and a row of two cells.
    // A cell of dozens of lines is the document's text running between stray pipes.
    guard pipes >= 3, longestCell <= Self.longestCellLines,
      rows.contains(where: { $0.cells.filter { !$0.isEmpty }.count >= 2 })
    else { return start + 1 }
    for r in start..<j { texts[r] = "" }
    for row in rows {
      let filled = row.cells
      // A one-cell row inside a table (a group row, "I. NÂNG CAO NHẬN THỨC") stays a row of it.
      texts[row.first] = filled.count >= 2 ? filled.joined(separator: "\t") : (filled.first.map { $0 + "\t" } ?? "")
    }
    return j
  }

  /// A cell's lines joined by spaces. In a list ("- Văn phòng Chính phủ" / "- Bộ Công an"),
  /// a line opening with a list mark after an item ends that item: where the item has no
  /// closing punctuation a ";" marks its end, which the line break marked before; joined
  /// with a bare space, "Chính phủ - Bộ Công an" would read as one name. A dash after a line
  /// that is no item continues it ("Phòng Văn hóa" / "– Xã hội", a name wrapped in a narrow
  /// column).
  static func joinCellLines(_ lines: [String]) -> String {
    var out = ""
    var inItem = false
    for line in lines {
      let opensItem = FooterReader.startsWithBullet(line)
      if !out.isEmpty {
        if opensItem, inItem, let last = out.unicodeScalars.last, !";.,:)".unicodeScalars.contains(last) {
          out += ";"
        }
        out += " "
      }
      out += line
      if opensItem { inItem = true }
    }
    return out
  }

  private static func isPipe(_ s: Substring) -> Bool {
    var seen = false
    for b in s.utf8 {
      if b == 0x7C {
        if seen { return false }
        seen = true
      } else if b != 0x20 && b != 0x09 {
        return false
      }
    }
    return seen
  }

  private static func isBlank(_ s: Substring) -> Bool {
    s.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 }
  }
}
