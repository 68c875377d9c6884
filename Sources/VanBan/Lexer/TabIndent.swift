import VanBanBytes
import VanBanText

/// Paragraphs a converter indented with tabs, read as text rather than as table rows.
///
/// Text pulled from a Word file keeps each paragraph's first-line indent as a tab, so a whole
/// document may read `\tBÁO CÁO`, `\tKết quả thực hiện …`, `\t1. Công tác triển khai` — and a
/// line holding a tab is a table row, here of one cell after an empty one: the title, the
/// sections and their paragraphs were all lost to one-cell tables. Under a row of a table the
/// same line is a later cell continuing that row (`\tđồng sáng kiến cấp cơ sở`, the end of the
/// row's second cell, after a page break), so a line of leading tabs and then text keeps its
/// tabs only when the nearest non-blank line above it is a row of two or more filled cells.
/// Not followed further: a paragraph after a table would take every tabbed paragraph under it.
enum TabIndent {
  /// Rewrites `texts` (cleaned lines, one per input line); `candidates` are the lines whose
  /// text opens with a tab, in order (only they can change). Returns the lines rewritten.
  @discardableResult
  static func strip(_ texts: inout [String], candidates: [Int]) -> [Int] {
    var stripped: [Int] = []
    for k in candidates {
      guard let start = indentedTextStart(texts[k]), !isMultiCellRow(nearestNonBlank(texts, above: k)) else { continue }
      texts[k] = String(texts[k].utf8Slice(start..<texts[k].utf8.count))
      stripped.append(k)
    }
    return stripped
  }

  /// Where the text of a line that is leading tabs and then text with no tab in it starts;
  /// nil for any other line.
  static func indentedTextStart(_ text: String) -> Int? {
    text.withUTF8Bytes { b in
      var i = 0
      while i < b.count, b[i] == 0x09 { i += 1 }
      guard i > 0, i < b.count, ByteSearch.firstIndex(of: 0x09, in: b, from: i) == nil else { return nil }
      return b[i...].contains { $0 != 0x20 } ? i : nil
    }
  }

  /// Tabs and spaces alone, or nothing.
  static func isBlank(_ text: String) -> Bool { text.utf8.allSatisfy { $0 == 0x09 || $0 == 0x20 } }

  /// The nearest line above `k` that is not blank, as it stands (a line stripped above is text).
  private static func nearestNonBlank(_ texts: [String], above k: Int) -> String? {
    var j = k - 1
    while j >= 0 {
      if !isBlank(texts[j]) { return texts[j] }
      j -= 1
    }
    return nil
  }

  /// A line of two or more tab-separated cells that hold something.
  static func isMultiCellRow(_ text: String?) -> Bool {
    guard let text else { return false }
    return text.withUTF8Bytes { b in
      var filled = 0
      var inCell = false
      for byte in b {
        if byte == 0x09 {
          inCell = false
        } else if byte != 0x20, !inCell {
          inCell = true
          filled += 1
          if filled >= 2 { return true }
        }
      }
      return false
    }
  }
}
