import VanBanText

/// Tables a converter wrote a row to a line, the cells joined by " | " with no pipe at either
/// end (a Word table as some docx-to-text tools give it):
///
///     TT | Tên nhiệm vụ | Sở, ngành chủ trì tham mưu | Thời gian thực hiện | Ghi chú
///      | (1) | (2) | (3) | (4)
///     1 | Tổ chức quán triệt Chỉ thị ... | Các Sở, ban, ngành | Xong trong Quý II/2026 |
///
/// Such a line is read as the tab row it stands for, empty cells kept so that every cell stays
/// under its column, when it belongs to a run opened by a line whose cells name two columns or
/// more (Grammar/columns.tsv, as a table header does) with a row under it. Other lines holding
/// " | " (a head or a footer whose two columns a converter joined on one line) keep their
/// text, and their parts stay the line's `columns`.
enum JoinedCellTable {
  /// The lines of `lines` (by index) that are rows of such tables, with their cells.
  static func rows(_ lines: [ClassifiedLine], candidates: [Int], columns: ColumnLexicon) -> [(index: Int, cells: [String])] {
    var rows: [(index: Int, cells: [String])] = []
    var k = 0
    for start in candidates where start >= k {
      guard let header = cells(lines[start].text), columns.isHeader(header) else { continue }
      var table = [(start, header)]
      k = start + 1
      // The rows below, across blank lines when a row of the header's width follows them.
      while k < lines.count {
        if let row = cells(lines[k].text) {
          table.append((k, row))
          k += 1
          continue
        }
        var next = k
        while next < lines.count, lines[next].isBlank { next += 1 }
        guard next > k, next < lines.count, let row = cells(lines[next].text), row.count == header.count else { break }
        k = next
      }
      // A header with no row under it (an OCR line that happens to hold a pipe) stays text.
      if table.count >= 2 { rows += table }
    }
    return rows
  }

  /// The cells of a line joined by " | ", each trimmed of spaces, empty ones kept; nil unless
  /// the line holds a pipe and every pipe in it is a joint (spaces or the line's edge on both
  /// sides: "a|b" is text).
  static func cells(_ text: String) -> [String]? {
    let ranges: [Range<Int>]? = text.withUTF8Bytes { b in
      guard let cuts = ByteRuns.characterCuts(b, at: 0x7C), cuts.count >= 2 else { return nil }
      for cut in cuts.dropLast() {
        let pipe = cut.upperBound
        guard pipe == 0 || b[pipe - 1] == 0x20, pipe + 1 == b.count || b[pipe + 1] == 0x20 else { return nil }
      }
      return cuts.map { ByteRuns.trimmingSpaces($0, in: b) }
    }
    return ranges?.map { String(text.utf8Slice($0)) }
  }
}
