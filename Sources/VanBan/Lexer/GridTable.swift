/// Pandoc's grid tables, each row one tab row:
///
///     +-------------------------------+:------------------------------------:+
///     | ***Nơi nhận:\***              | **TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI\     |
///     | - Chính phủ;\                 | CHỦ TỊCH\                            |
///     | - Lưu: HC, PLTP.              | Trần Thanh Mẫn**                     |
///     +-------------------------------+--------------------------------------+
///
/// A row runs from one border line to the next over as many lines as its tallest cell, so
/// read line by line each line was a row of its own: the recipients' lines and the signer's
/// name shared rows and neither list nor signature was whole. Each row becomes one tab row
/// on its first line, a cell's lines joined as `PipeCellTable` joins them; the row's other
/// lines and the borders become blank. Word files turned into markdown by pandoc write their
/// head and footer tables so, and any table with a cell of several paragraphs.
enum GridTable {
  /// Rewrites `texts` (cleaned lines, one per input line, a pipe row's cells tab-separated)
  /// where `raw` holds grid tables.
  static func fold(raw: [Substring], texts: inout [String]) {
    var k = 0
    while k < raw.count {
      guard isBorder(raw[k]), k + 1 < raw.count, isRow(raw[k + 1]) else {
        k += 1
        continue
      }
      texts[k] = ""
      var j = k + 1
      var columns: [[String]] = []
      var first = j
      while j < raw.count {
        if isBorder(raw[j]) {
          if !columns.isEmpty { texts[first] = columns.map(PipeCellTable.joinCellLines).joined(separator: "\t") }
          texts[j] = ""
          columns = []
          j += 1
          first = j
          // The table ends at a border with no row under it.
          if j >= raw.count || !isRow(raw[j]) { break }
          continue
        }
        guard isRow(raw[j]) else { break }
        let cells = texts[j].split(separator: "\t", omittingEmptySubsequences: false)
        while columns.count < cells.count { columns.append([]) }
        for (c, cell) in cells.enumerated() where !cell.isEmpty { columns[c].append(String(cell)) }
        texts[j] = ""
        j += 1
      }
      // A row left open by the end of the input or a line that is no row: kept as read.
      if !columns.isEmpty { texts[first] = columns.map(PipeCellTable.joinCellLines).joined(separator: "\t") }
      k = j
    }
  }

  /// `+---+:--:+` or `+===+===+`: pluses around runs of dashes, equals signs and colons.
  static func isBorder(_ line: Substring) -> Bool {
    let b = trimmed(line)
    guard b.count >= 3, b.first == 0x2B, b.last == 0x2B else { return false }
    var rules = false
    for byte in b {
      switch byte {
      case 0x2D, 0x3D: rules = true
      case 0x2B, 0x3A: break
      default: return false
      }
    }
    return rules
  }

  /// `| … |`: a line of cells between pipes.
  static func isRow(_ line: Substring) -> Bool {
    let b = trimmed(line)
    return b.count >= 2 && b.first == 0x7C && b.last == 0x7C
  }

  private static func trimmed(_ line: Substring) -> Substring.UTF8View.SubSequence {
    let u = line.utf8
    var start = u.startIndex
    var end = u.endIndex
    while start < end, u[start] == 0x20 || u[start] == 0x09 { start = u.index(after: start) }
    while end > start, u[u.index(before: end)] == 0x20 || u[u.index(before: end)] == 0x09 { end = u.index(before: end) }
    return u[start..<end]
  }
}
