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
/// head and footer tables so, and any table with a cell of several paragraphs. Looked for only
/// in a document with a border at the left margin, as pandoc writes them.
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
    // On the bytes: asked of every line of a document holding a pipe row.
    var copy = line
    return copy.withUTF8 { b in
      guard let (i, end) = trimmed(b), end - i >= 3, b[i] == 0x2B, b[end - 1] == 0x2B else { return false }
      var rules = false
      for k in i..<end {
        switch b[k] {
        case 0x2D, 0x3D: rules = true
        case 0x2B, 0x3A: break
        default: return false
        }
      }
      return rules
    }
  }

  /// `| … |`: a line of cells between pipes.
  static func isRow(_ line: Substring) -> Bool {
    var copy = line
    return copy.withUTF8 { b in
      guard let (i, end) = trimmed(b) else { return false }
      return end - i >= 2 && b[i] == 0x7C && b[end - 1] == 0x7C
    }
  }

  /// The bounds of `b` without the spaces and tabs around it; nil when nothing is left.
  private static func trimmed(_ b: UnsafeBufferPointer<UInt8>) -> (Int, Int)? {
    var i = 0
    while i < b.count, b[i] == 0x20 || b[i] == 0x09 { i += 1 }
    guard i < b.count else { return nil }
    var end = b.count
    while end > i, b[end - 1] == 0x20 || b[end - 1] == 0x09 { end -= 1 }
    return (i, end)
  }
}
